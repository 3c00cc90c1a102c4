// A point of contact as the directory holds it, and the checks a nomination or change must pass (each
// problem named by its field): kinds, networks, working languages, IANA time zones, E.164 phone numbers and
// the date a change takes effect. No database here.
import { type FieldProblem, fieldProblem } from '../../platform/errors.ts';
import { singleLineProblem } from '../../platform/text.ts';

export const NETWORKS = ['GLOBAL', 'OSCE', 'OAS', 'ASEAN', 'AU', 'EU'] as const;
export type Network = (typeof NETWORKS)[number];
export const CONTACT_KINDS = ['diplomatic', 'technical'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

export interface ContactInput {
  kind: ContactKind;
  name: string;
  position: string;
  institution: string;
  email: string;
  phone: string;
  languages: string[];
  timeZone: string;
  allDay: boolean;
  hours: string;
  networks: Network[];
}

export interface Contact extends ContactInput {
  id: string;
  state: string;
  stateName: string;
  unGroup: string | null;
  version: number;
  effectiveFrom: Date;
  changedAt: Date;
  /** The platform account this contact signs in with, if any. */
  userId: string | null;
}

/** The fields of a contact, in the order a change lists them. */
export const FIELDS: (keyof ContactInput)[] = [
  'kind',
  'name',
  'position',
  'institution',
  'email',
  'phone',
  'languages',
  'timeZone',
  'allDay',
  'hours',
  'networks',
];

const languageNames = new Intl.DisplayNames('en', { type: 'language', fallback: 'none' });

/** True for an IANA time-zone name this runtime knows (Europe/Zurich, Africa/Nairobi, UTC…), not an offset. */
export function isIanaTimeZone(tz: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+){0,2}$/.test(tz)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** An ISO 639 language code the platform can name (en, fr, sw, ar…). */
export function isLanguageCode(code: string): boolean {
  return /^[a-z]{2,3}$/.test(code) && languageNames.of(code) !== undefined;
}

/** The phone number in E.164 form (+ and 7 to 15 digits), from what was typed with spaces, dots or dashes. */
export function normalisePhone(phone: string): string | null {
  const compact = phone.replace(/[\s().-]/g, '');
  return /^\+[1-9]\d{6,14}$/.test(compact) ? compact : null;
}

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,253}\.[^\s@]{2,}$/;

/** Checks a contact from a form or the API; every problem is named by its field. */
export function validateContact(
  raw: Partial<Record<keyof ContactInput, unknown>>,
): { value: ContactInput } | { problems: FieldProblem[] } {
  const problems: FieldProblem[] = [];
  const text = (field: keyof ContactInput, max: number, required: boolean): string => {
    const v = raw[field];
    if (v !== undefined && typeof v !== 'string') {
      problems.push(fieldProblem(field, 'text'));
      return '';
    }
    const s = (v ?? '').trim();
    const line = singleLineProblem(s);
    if (required && !s) problems.push(fieldProblem(field, 'required'));
    else if (s.length > max) problems.push(fieldProblem(field, 'tooLong', { n: max }));
    else if (line) problems.push(fieldProblem(field, line.code, line.params));
    return s;
  };
  const kind = raw.kind;
  if (kind !== 'diplomatic' && kind !== 'technical') problems.push(fieldProblem('kind', 'kind'));
  const name = text('name', 200, true);
  const position = text('position', 200, false);
  const institution = text('institution', 200, true);
  const email = text('email', 320, true);
  if (email && !EMAIL.test(email)) problems.push(fieldProblem('email', 'email'));
  const phoneText = text('phone', 40, true);
  const phone = phoneText ? normalisePhone(phoneText) : null;
  if (phoneText && !phone) problems.push(fieldProblem('phone', 'phone'));
  const languages = Array.isArray(raw.languages)
    ? raw.languages
    : typeof raw.languages === 'string'
      ? raw.languages.split(/[\s,]+/)
      : [];
  const langs = [
    ...new Set(languages.filter((l): l is string => typeof l === 'string' && l !== '').map((l) => l.trim().toLowerCase())),
  ];
  if (!langs.length) problems.push(fieldProblem('languages', 'required'));
  else if (langs.length > 10) problems.push(fieldProblem('languages', 'tooMany', { n: 10 }));
  else {
    const unknown = langs.filter((l) => !isLanguageCode(l));
    if (unknown.length) problems.push(fieldProblem('languages', 'languageCode', { values: unknown.join(', ').slice(0, 60) }));
  }
  const timeZone = text('timeZone', 64, true);
  if (timeZone && !isIanaTimeZone(timeZone)) problems.push(fieldProblem('timeZone', 'timeZone'));
  const allDay = raw.allDay === true || raw.allDay === 'true' || raw.allDay === 'on';
  const hours = text('hours', 200, !allDay);
  const nets = (Array.isArray(raw.networks) ? raw.networks : typeof raw.networks === 'string' ? [raw.networks] : []).filter(
    (n) => n !== '',
  );
  const networks = [...new Set(nets)] as string[];
  if (!networks.length) problems.push(fieldProblem('networks', 'networks'));
  else if (networks.some((n) => !(NETWORKS as readonly string[]).includes(n)))
    problems.push(fieldProblem('networks', 'choice', { options: NETWORKS.join(', ') }));
  if (problems.length) return { problems };
  return {
    value: {
      kind: kind as ContactKind,
      name,
      position,
      institution,
      email,
      phone: phone as string,
      languages: langs,
      timeZone,
      allDay,
      hours: allDay ? '' : hours,
      networks: networks as Network[],
    },
  };
}

/** When a change takes effect: now, or a chosen date (YYYY-MM-DD, the start of that day UTC, or a full time). */
export function parseEffective(value: unknown, now: Date): { at: Date } | { problem: FieldProblem } {
  if (value === undefined || value === null || value === '') return { at: now };
  if (
    typeof value !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(value) ||
    Number.isNaN(Date.parse(value))
  ) {
    return { problem: fieldProblem('effectiveFrom', 'effective') };
  }
  const at = new Date(value);
  if (at.getTime() < now.getTime() - 86_400_000) return { problem: fieldProblem('effectiveFrom', 'effective') };
  return { at: at.getTime() < now.getTime() ? now : at };
}
