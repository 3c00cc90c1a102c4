// What a communication may contain, checked field by field so a refusal names each problem. Pure: no
// database, so the rules are tested on their own (and with fast-check).
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import { type FieldProblem, fieldProblem } from '../../platform/errors.ts';
import { multiLineProblem, singleLineProblem } from '../../platform/text.ts';

export const TYPES = ['notification', 'assistance', 'information', 'vulnerability', 'consultation'] as const;
export type CommType = (typeof TYPES)[number];
export const URGENCIES = ['routine', 'priority', 'urgent'] as const;
export type Urgency = (typeof URGENCIES)[number];
export const TLPS = ['clear', 'green', 'amber', 'amber+strict', 'red'] as const;
export type Tlp = (typeof TLPS)[number];
export const INDICATOR_TYPES = ['ipv4', 'ipv6', 'domain', 'url', 'md5', 'sha1', 'sha256'] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];
export const NORM_LETTERS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k'] as const;

/** How much a communication may hold: the service checks these, and the API's schema says them. */
export const LIMITS = {
  subject: 200,
  body: 20_000,
  actionRequested: 2000,
  recipients: 50,
  people: 50,
  indicators: 500,
  indicatorValue: 2048,
  attachments: 10,
  fileName: 200,
} as const;

export interface Indicator {
  type: IndicatorType;
  value: string;
}

export interface CommunicationInput {
  type: CommType;
  urgency: Urgency;
  tlp: Tlp;
  recipients: string[];
  /** TLP:RED only: the e-mail addresses of the recipient officials who may read it. */
  people: string[];
  subject: string;
  body: string;
  norms: string[];
  sectors: string[];
  indicators: Indicator[];
  actionRequested: string;
  actionDue: Date | null;
}

const HEX: Record<string, number> = { md5: 32, sha1: 40, sha256: 64 };
const DOMAIN = /^(?=.{1,253}$)(?!-)([a-z0-9-]{1,63}(?<!-)\.)+[a-z]{2,63}$/i;

/** Whether the value is a well-formed indicator of its type (an http(s) or ftp URL, a hash of the right length…). */
export function isIndicator(type: IndicatorType, value: string): boolean {
  switch (type) {
    case 'ipv4':
      return isIP(value) === 4;
    case 'ipv6':
      return isIP(value) === 6;
    case 'domain':
      return DOMAIN.test(value);
    case 'url': {
      try {
        const u = new URL(value);
        return ['http:', 'https:', 'ftp:'].includes(u.protocol) && Boolean(u.hostname);
      } catch {
        return false;
      }
    }
    default:
      return new RegExp(`^[0-9a-f]{${HEX[type]}}$`, 'i').test(value);
  }
}

/** The refusal of one indicator, or null when it is well formed. */
function indicatorProblem(field: string, type: string, value: string): FieldProblem | null {
  if (!(INDICATOR_TYPES as readonly string[]).includes(type))
    return fieldProblem(field, 'choice', { options: INDICATOR_TYPES.join(', ') });
  if (!value) return fieldProblem(field, 'required');
  if (value.length > LIMITS.indicatorValue) return fieldProblem(field, 'tooLong', { n: LIMITS.indicatorValue });
  return isIndicator(type as IndicatorType, value)
    ? null
    : fieldProblem(field, 'indicatorValue', { type, value: value.slice(0, 60) });
}

const list = (v: unknown): unknown[] =>
  Array.isArray(v) ? v : typeof v === 'string' ? v.split(/[\s,;]+/).filter(Boolean) : v === undefined || v === null ? [] : [v];

/**
 * Checks a communication. `knownStates` are the registry's codes; `sectors` the knowledge base's sector
 * slugs; `own` the sender's State. A draft may leave the recipients and the body empty.
 */
export function validateCommunication(
  raw: Record<string, unknown>,
  ctx: { own: string; knownStates: Set<string>; sectors: Set<string>; now: Date; draft: boolean },
): { value: CommunicationInput } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const oneOf = <T extends string>(field: string, options: readonly T[], fallback?: T): T => {
    const v = raw[field] ?? fallback;
    if (typeof v !== 'string' || !(options as readonly string[]).includes(v)) {
      problems.push(fieldProblem(field, 'choice', { options: options.join(', ') }));
      return options[0];
    }
    return v as T;
  };
  // A subject is one line; a body may have many (Markdown), but neither may carry bidirectional overrides.
  const text = (field: string, max: number, required: boolean, lines: 'single' | 'multi' = 'multi'): string => {
    const v = raw[field];
    if (v !== undefined && v !== null && typeof v !== 'string') {
      problems.push(fieldProblem(field, 'text'));
      return '';
    }
    const s = (v ?? '').replace(/\r\n?/g, '\n').trim();
    const problem = lines === 'single' ? singleLineProblem(s) : multiLineProblem(s);
    if (required && !s) problems.push(fieldProblem(field, 'required'));
    else if (s.length > max) problems.push(fieldProblem(field, 'tooLong', { n: max }));
    else if (problem) problems.push(fieldProblem(field, problem.code, problem.params));
    return s;
  };

  const type = oneOf('type', TYPES);
  const urgency = oneOf('urgency', URGENCIES, 'routine');
  const tlp = oneOf('tlp', TLPS);

  const recipients = [...new Set(list(raw.recipients).map((r) => String(r).trim().toUpperCase()))];
  if (!recipients.length && !ctx.draft) problems.push(fieldProblem('recipients', 'recipients'));
  else if (recipients.length > LIMITS.recipients) problems.push(fieldProblem('recipients', 'tooMany', { n: LIMITS.recipients }));
  else {
    const unknown = recipients.filter((r) => !ctx.knownStates.has(r));
    if (unknown.length) problems.push(fieldProblem('recipients', 'unknownRecipient'));
    else if (recipients.includes(ctx.own)) problems.push(fieldProblem('recipients', 'ownState'));
  }

  const people = [...new Set(list(raw.people).map((p) => String(p).trim().toLowerCase()))];
  if (tlp === 'red' && !people.length && !ctx.draft) problems.push(fieldProblem('people', 'people'));
  if (tlp !== 'red' && people.length) problems.push(fieldProblem('people', 'peopleNotRed'));
  if (people.length > LIMITS.people) problems.push(fieldProblem('people', 'tooMany', { n: LIMITS.people }));

  const subject = text('subject', LIMITS.subject, !ctx.draft, 'single');
  const body = text('body', LIMITS.body, !ctx.draft);

  const norms = [...new Set(list(raw.norms).map((n) => String(n).trim().toLowerCase()))];
  if (norms.some((n) => !(NORM_LETTERS as readonly string[]).includes(n))) problems.push(fieldProblem('norms', 'norms'));

  const sectors = [...new Set(list(raw.sectors).map((s) => String(s).trim()))];
  if (sectors.some((s) => !ctx.sectors.has(s))) problems.push(fieldProblem('sectors', 'sectors'));

  const indicators: Indicator[] = [];
  const rawIndicators = typeof raw.indicators === 'string' ? parseIndicatorLines(raw.indicators) : raw.indicators;
  if (rawIndicators !== undefined && rawIndicators !== null && !Array.isArray(rawIndicators))
    problems.push(fieldProblem('indicators', 'type', { expected: 'a list of {type, value}' }));
  else if ((rawIndicators ?? []).length > LIMITS.indicators)
    problems.push(fieldProblem('indicators', 'tooMany', { n: LIMITS.indicators }));
  else
    for (const [i, item] of ((rawIndicators ?? []) as unknown[]).entries()) {
      const it = (item ?? {}) as { type?: unknown; value?: unknown };
      const t = typeof it.type === 'string' ? it.type.trim().toLowerCase() : '';
      const v = typeof it.value === 'string' ? it.value.trim() : '';
      const problem = indicatorProblem(`indicators[${i}]`, t, v);
      if (problem) problems.push(problem);
      else indicators.push({ type: t as IndicatorType, value: ['md5', 'sha1', 'sha256'].includes(t) ? v.toLowerCase() : v });
    }

  const actionRequested = text('actionRequested', LIMITS.actionRequested, false);
  let actionDue: Date | null = null;
  const due = raw.actionDue;
  if (due !== undefined && due !== null && due !== '') {
    const d = typeof due === 'string' ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(due) ? `${due}T23:59:00Z` : due) : null;
    if (!d || Number.isNaN(d.getTime())) problems.push(fieldProblem('actionDue', 'date'));
    else if (d.getTime() <= ctx.now.getTime()) problems.push(fieldProblem('actionDue', 'future'));
    else actionDue = d;
  }

  if (problems.length) return { problems };
  return {
    value: { type, urgency, tlp, recipients, people, subject, body, norms, sectors, indicators, actionRequested, actionDue },
  };
}

/**
 * Indicators typed one per line in a form, as `type value` (`ipv4 203.0.113.7`) or a bare value whose
 * type is guessed: an IP address, a URL, a hash by its length, else a domain.
 */
export function parseIndicatorLines(text: string): Indicator[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const m = /^(ipv4|ipv6|domain|url|md5|sha1|sha256)\s+(.+)$/i.exec(line);
      if (m) return { type: m[1].toLowerCase() as IndicatorType, value: m[2].trim() };
      const v = line;
      const type: IndicatorType =
        isIP(v) === 4
          ? 'ipv4'
          : isIP(v) === 6
            ? 'ipv6'
            : /^[a-z]+:\/\//i.test(v)
              ? 'url'
              : /^[0-9a-f]{64}$/i.test(v)
                ? 'sha256'
                : /^[0-9a-f]{40}$/i.test(v)
                  ? 'sha1'
                  : /^[0-9a-f]{32}$/i.test(v)
                    ? 'md5'
                    : 'domain';
      return { type, value: v };
    });
}

/** Indicators back to the form's lines. */
export const indicatorLines = (xs: Indicator[]) => xs.map((x) => `${x.type} ${x.value}`).join('\n');

/** The kinds of file a communication may carry, by media type, with the extensions each may have. */
export const ATTACHMENT_TYPES: Record<string, string[]> = {
  'application/pdf': ['pdf'],
  'text/plain': ['txt', 'log'],
  'text/csv': ['csv'],
  'application/json': ['json'],
  'image/png': ['png'],
  'image/jpeg': ['jpg', 'jpeg'],
  'application/zip': ['zip'],
  'message/rfc822': ['eml'],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
  'application/vnd.oasis.opendocument.text': ['odt'],
};

/**
 * The kind of a stored file as a short label (`TXT`, `PDF`), shown beside its name so the real extension is
 * always visible: the name's last extension when it is one its media type allows, else the media type's.
 */
export function fileKind(name: string, mediaType: string): string {
  const ext = /\.([a-z0-9]{1,8})$/i.exec(name.replace(/[^\p{L}\p{N}._ -]/gu, ''))?.[1]?.toLowerCase() ?? '';
  const allowed = ATTACHMENT_TYPES[mediaType] ?? [];
  return (allowed.includes(ext) ? ext : (allowed[0] ?? (mediaType.split('/')[1] || 'file'))).toUpperCase();
}

/** An attachment as it arrives: from the API (base64) or from a form (bytes; truncated if over the limit). */
export interface RawAttachment {
  name?: unknown;
  mediaType?: unknown;
  contentBase64?: unknown;
  data?: Buffer;
  truncated?: boolean;
}

export interface Attachment {
  name: string;
  mediaType: string;
  data: Buffer;
  sha256: string;
}

/** The first bytes each binary type must start with, so a renamed executable is not taken for a PDF. */
const MAGIC: Record<string, number[][]> = {
  'application/pdf': [[0x25, 0x50, 0x44, 0x46, 0x2d]],
  'image/png': [[0x89, 0x50, 0x4e, 0x47]],
  'image/jpeg': [[0xff, 0xd8, 0xff]],
  'application/zip': [[0x50, 0x4b, 0x03, 0x04]],
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': [[0x50, 0x4b, 0x03, 0x04]],
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': [[0x50, 0x4b, 0x03, 0x04]],
  'application/vnd.oasis.opendocument.text': [[0x50, 0x4b, 0x03, 0x04]],
};

export function validateAttachments(raw: unknown, maxBytes: number): { value: Attachment[] } | { problems: FieldProblem[] } {
  if (raw === undefined || raw === null) return { value: [] };
  if (!Array.isArray(raw))
    return { problems: [fieldProblem('attachments', 'type', { expected: 'a list of {name, mediaType, contentBase64}' })] };
  if (raw.length > LIMITS.attachments) return { problems: [fieldProblem('attachments', 'tooMany', { n: LIMITS.attachments })] };
  const problems: FieldProblem[] = [];
  const value: Attachment[] = [];
  const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  for (const [i, item] of (raw as RawAttachment[]).entries()) {
    const field = `attachments[${i}]`;
    const name = typeof item?.name === 'string' ? item.name.trim() : '';
    // A name that reads differently from what it is (`invoice\u202Efdp.txt` shows as "invoicetxt.pdf").
    const unreadable = singleLineProblem(name);
    const nameProblem = !name
      ? fieldProblem(field, 'required')
      : name.length > LIMITS.fileName
        ? fieldProblem(field, 'tooLong', { n: LIMITS.fileName })
        : /[\\/]/.test(name)
          ? fieldProblem(field, 'fileName')
          : unreadable && fieldProblem(`${field}.name`, unreadable.code, unreadable.params);
    if (nameProblem) {
      problems.push(nameProblem);
      continue;
    }
    const shown = name.slice(0, 60);
    const ext = /\.([a-z0-9]{1,8})$/i.exec(name)?.[1]?.toLowerCase() ?? '';
    let type = typeof item.mediaType === 'string' ? item.mediaType.split(';')[0].trim().toLowerCase() : '';
    if (!type || type === 'application/octet-stream')
      type = Object.entries(ATTACHMENT_TYPES).find(([, exts]) => exts.includes(ext))?.[0] ?? type;
    if (!ATTACHMENT_TYPES[type]?.includes(ext)) {
      const allowed = [...new Set(Object.values(ATTACHMENT_TYPES).flat())].join(', ');
      problems.push(fieldProblem(field, 'fileKind', { name: shown, allowed }));
      continue;
    }
    if (item.truncated) {
      problems.push(fieldProblem(field, 'fileTooLarge', { name: shown, mb }));
      continue;
    }
    let data: Buffer | null = item.data ?? null;
    if (!data) {
      if (typeof item.contentBase64 !== 'string' || !/^[A-Za-z0-9+/=\s]*$/.test(item.contentBase64)) {
        problems.push(fieldProblem(field, 'type', { expected: 'base64 (contentBase64)' }));
        continue;
      }
      data = Buffer.from(item.contentBase64, 'base64');
    }
    if (data.length === 0) problems.push(fieldProblem(field, 'fileEmpty', { name: shown }));
    else if (data.length > maxBytes) problems.push(fieldProblem(field, 'fileTooLarge', { name: shown, mb }));
    else if (MAGIC[type] && !MAGIC[type].some((m) => m.every((b, k) => data[k] === b)))
      problems.push(fieldProblem(field, 'fileNotKind', { name: shown, kind: ext.toUpperCase() }));
    else value.push({ name, mediaType: type, data, sha256: createHash('sha256').update(data).digest('hex') });
  }
  return problems.length ? { problems } : { value };
}
