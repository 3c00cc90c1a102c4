// What a communication may contain, checked field by field so a refusal names each problem. Pure: no
// database, so the rules are tested on their own (and with fast-check).
import { createHash } from 'node:crypto';
import { isIP } from 'node:net';
import type { FieldProblem } from '../../platform/errors.ts';
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
export const MAX_INDICATORS = 500;

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

/** Null when the value is a well-formed indicator of its type, else the reason. */
export function indicatorProblem(type: string, value: string): string | null {
  switch (type) {
    case 'ipv4':
      return isIP(value) === 4 ? null : 'is not an IPv4 address';
    case 'ipv6':
      return isIP(value) === 6 ? null : 'is not an IPv6 address';
    case 'domain':
      return DOMAIN.test(value) ? null : 'is not a domain name';
    case 'url': {
      try {
        const u = new URL(value);
        return ['http:', 'https:', 'ftp:'].includes(u.protocol) && u.hostname ? null : 'is not an http(s) or ftp URL';
      } catch {
        return 'is not a URL';
      }
    }
    case 'md5':
    case 'sha1':
    case 'sha256':
      return new RegExp(`^[0-9a-f]{${HEX[type]}}$`, 'i').test(value)
        ? null
        : `is not a ${type.toUpperCase()} hash (${HEX[type]} hex digits)`;
    default:
      return `type must be one of ${INDICATOR_TYPES.join(', ')}`;
  }
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
      problems.push({ field, reason: `must be one of ${options.join(', ')}` });
      return options[0];
    }
    return v as T;
  };
  // A subject is one line; a body may have many (Markdown), but neither may carry bidirectional overrides.
  const text = (field: string, max: number, required: boolean, lines: 'single' | 'multi' = 'multi'): string => {
    const v = raw[field];
    if (v !== undefined && v !== null && typeof v !== 'string') {
      problems.push({ field, reason: 'must be text' });
      return '';
    }
    const s = (v ?? '').replace(/\r\n?/g, '\n').trim();
    const problem = lines === 'single' ? singleLineProblem(s) : multiLineProblem(s);
    if (required && !s) problems.push({ field, reason: 'is required' });
    else if (s.length > max) problems.push({ field, reason: `must be at most ${max} characters` });
    else if (problem) problems.push({ field, reason: problem });
    return s;
  };

  const type = oneOf('type', TYPES);
  const urgency = oneOf('urgency', URGENCIES, 'routine');
  const tlp = oneOf('tlp', TLPS);

  const recipients = [...new Set(list(raw.recipients).map((r) => String(r).trim().toUpperCase()))];
  if (!recipients.length && !ctx.draft) problems.push({ field: 'recipients', reason: 'choose at least one recipient State' });
  else if (recipients.length > 50) problems.push({ field: 'recipients', reason: 'at most 50 recipient States' });
  else {
    const unknown = recipients.filter((r) => !ctx.knownStates.has(r));
    if (unknown.length) problems.push({ field: 'recipients', reason: `unknown State: ${unknown.join(', ').slice(0, 80)}` });
    else if (recipients.includes(ctx.own)) problems.push({ field: 'recipients', reason: 'cannot include your own State' });
  }

  const people = [...new Set(list(raw.people).map((p) => String(p).trim().toLowerCase()))];
  if (tlp === 'red' && !people.length && !ctx.draft)
    problems.push({ field: 'people', reason: 'TLP:RED needs the named recipients: the e-mail address of each' });
  if (tlp !== 'red' && people.length) problems.push({ field: 'people', reason: 'named recipients are for TLP:RED only' });
  if (people.length > 50) problems.push({ field: 'people', reason: 'at most 50 named recipients' });

  const subject = text('subject', 200, !ctx.draft, 'single');
  const body = text('body', 20_000, !ctx.draft);

  const norms = [...new Set(list(raw.norms).map((n) => String(n).trim().toLowerCase()))];
  const badNorms = norms.filter((n) => !(NORM_LETTERS as readonly string[]).includes(n));
  if (badNorms.length)
    problems.push({ field: 'norms', reason: `unknown norm: ${badNorms.join(', ').slice(0, 40)} (use a to k)` });

  const sectors = [...new Set(list(raw.sectors).map((s) => String(s).trim()))];
  const badSectors = sectors.filter((s) => !ctx.sectors.has(s));
  if (badSectors.length) problems.push({ field: 'sectors', reason: `unknown sector: ${badSectors.join(', ').slice(0, 60)}` });

  const indicators: Indicator[] = [];
  const rawIndicators = typeof raw.indicators === 'string' ? parseIndicatorLines(raw.indicators) : raw.indicators;
  if (rawIndicators !== undefined && rawIndicators !== null && !Array.isArray(rawIndicators))
    problems.push({ field: 'indicators', reason: 'must be a list of {type, value}' });
  else if ((rawIndicators ?? []).length > MAX_INDICATORS)
    problems.push({ field: 'indicators', reason: `at most ${MAX_INDICATORS} indicators` });
  else
    for (const [i, item] of ((rawIndicators ?? []) as unknown[]).entries()) {
      const it = (item ?? {}) as { type?: unknown; value?: unknown };
      const t = typeof it.type === 'string' ? it.type.trim().toLowerCase() : '';
      const v = typeof it.value === 'string' ? it.value.trim() : '';
      const problem = !v ? 'is empty' : v.length > 2048 ? 'must be at most 2048 characters' : indicatorProblem(t, v);
      if (problem) problems.push({ field: `indicators[${i}]`, reason: `${t || 'indicator'} “${v.slice(0, 60)}” ${problem}` });
      else indicators.push({ type: t as IndicatorType, value: ['md5', 'sha1', 'sha256'].includes(t) ? v.toLowerCase() : v });
    }

  const actionRequested = text('actionRequested', 2000, false);
  let actionDue: Date | null = null;
  const due = raw.actionDue;
  if (due !== undefined && due !== null && due !== '') {
    const d = typeof due === 'string' ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(due) ? `${due}T23:59:00Z` : due) : null;
    if (!d || Number.isNaN(d.getTime())) problems.push({ field: 'actionDue', reason: 'must be a date (YYYY-MM-DD)' });
    else if (d.getTime() <= ctx.now.getTime()) problems.push({ field: 'actionDue', reason: 'must be in the future' });
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
export const MAX_ATTACHMENTS = 10;

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
    return { problems: [{ field: 'attachments', reason: 'must be a list of {name, mediaType, contentBase64}' }] };
  if (raw.length > MAX_ATTACHMENTS) return { problems: [{ field: 'attachments', reason: `at most ${MAX_ATTACHMENTS} files` }] };
  const problems: FieldProblem[] = [];
  const value: Attachment[] = [];
  const mb = Math.round((maxBytes / 1024 / 1024) * 10) / 10;
  for (const [i, item] of (raw as RawAttachment[]).entries()) {
    const field = `attachments[${i}]`;
    const name = typeof item?.name === 'string' ? item.name.trim() : '';
    if (!name || name.length > 200 || /[\\/]/.test(name)) {
      problems.push({ field, reason: 'needs a file name of at most 200 characters, without slashes' });
      continue;
    }
    // A name that reads differently from what it is (`invoice\u202Efdp.txt` shows as "invoicetxt.pdf").
    const nameProblem = singleLineProblem(name);
    if (nameProblem) {
      problems.push({ field: `${field}.name`, reason: nameProblem });
      continue;
    }
    const ext = /\.([a-z0-9]{1,8})$/i.exec(name)?.[1]?.toLowerCase() ?? '';
    let type = typeof item.mediaType === 'string' ? item.mediaType.split(';')[0].trim().toLowerCase() : '';
    if (!type || type === 'application/octet-stream')
      type = Object.entries(ATTACHMENT_TYPES).find(([, exts]) => exts.includes(ext))?.[0] ?? type;
    if (!ATTACHMENT_TYPES[type]?.includes(ext)) {
      problems.push({
        field,
        reason: `“${name.slice(0, 60)}” is a kind of file that is refused (allowed: ${[...new Set(Object.values(ATTACHMENT_TYPES).flat())].join(', ')})`,
      });
      continue;
    }
    if (item.truncated) {
      problems.push({ field, reason: `“${name.slice(0, 60)}” is larger than ${mb} MB` });
      continue;
    }
    let data: Buffer | null = item.data ?? null;
    if (!data) {
      if (typeof item.contentBase64 !== 'string' || !/^[A-Za-z0-9+/=\s]*$/.test(item.contentBase64)) {
        problems.push({ field, reason: 'contentBase64 must be the file in base64' });
        continue;
      }
      data = Buffer.from(item.contentBase64, 'base64');
    }
    if (data.length === 0) problems.push({ field, reason: `“${name.slice(0, 60)}” is empty` });
    else if (data.length > maxBytes) problems.push({ field, reason: `“${name.slice(0, 60)}” is larger than ${mb} MB` });
    else if (MAGIC[type] && !MAGIC[type].some((m) => m.every((b, k) => data[k] === b)))
      problems.push({ field, reason: `“${name.slice(0, 60)}” is not a ${ext.toUpperCase()} file` });
    else value.push({ name, mediaType: type, data, sha256: createHash('sha256').update(data).digest('hex') });
  }
  return problems.length ? { problems } : { value };
}
