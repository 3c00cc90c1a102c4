// The directory's export formats: a contact as a vCard, a State's contacts as CSV. Pure functions of the
// contacts they are given.
import { csvFile } from '../../platform/csv.ts';
import type { Contact } from './directory.validate.ts';

/** A contact as a vCard 4.0 (RFC 6350). */
export function vcard(c: Contact): string {
  const esc = (s: string) =>
    s
      .replace(/\\/g, '\\\\')
      .replace(/\n/g, '\\n')
      .replace(/([,;])/g, '\\$1');
  const lines = [
    'BEGIN:VCARD',
    'VERSION:4.0',
    `FN:${esc(c.name)}`,
    `ORG:${esc(c.institution)}`,
    ...(c.position ? [`TITLE:${esc(c.position)}`] : []),
    `EMAIL;TYPE=work:${esc(c.email)}`,
    `TEL;TYPE=work,voice;VALUE=uri:tel:${c.phone}`,
    ...c.languages.map((l, i) => `LANG;PREF=${i + 1}:${l}`),
    `TZ:${esc(c.timeZone)}`,
    `NOTE:${esc(`${c.kind === 'diplomatic' ? 'Diplomatic' : 'Technical'} point of contact of ${c.stateName}; ${c.allDay ? 'available 24/7' : `hours: ${c.hours}`}; networks: ${c.networks.join(', ')}`)}`,
    `UID:urn:uuid:${c.id}`,
    `REV:${new Date(c.changedAt).toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '')}`,
    'END:VCARD',
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/** A State's contacts as CSV (RFC 4180); a cell that a spreadsheet would run as a formula is quoted with '. */
export function contactsCsv(contacts: Contact[]): string {
  const cols = [
    'state',
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
    'effectiveFrom',
  ] as const;
  return csvFile([cols, ...contacts.map((c) => cols.map((k) => c[k]))]);
}
