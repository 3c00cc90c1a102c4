// How the communications pages say a time and a size, in the reader's language. A time always names its zone
// (UTC, spelt as the language spells it), so a deadline read at night in another zone is never misread; a
// size is in bytes, kB or MB, pluralised as the language does it ("1 byte", "42 bytes", "42 octets").
import { utcStamp } from '../../platform/dates.ts';

const days = new Map<string, Intl.DateTimeFormat>();

/** A date and time in UTC with the zone named: "5 Dec 2026, 14:30 UTC". */
export const stamp = (locale: string, d: Date | string): string => utcStamp(locale, d, 'short');

/** A date alone, in UTC: "5 Dec 2026". */
export function day(locale: string, d: Date | string): string {
  let f = days.get(locale);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
    days.set(locale, f);
  }
  return f.format(new Date(d));
}

/** A file size: whole bytes in words below a kilobyte ("42 bytes"), else kB or MB with one decimal (1 kB = 1024 bytes). */
export function sizeText(locale: string, bytes: number): string {
  if (bytes < 1024) return new Intl.NumberFormat(locale, { style: 'unit', unit: 'byte', unitDisplay: 'long' }).format(bytes);
  const [unit, n] = bytes < 1024 * 1024 ? (['kilobyte', bytes / 1024] as const) : (['megabyte', bytes / 1024 / 1024] as const);
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(n);
}
