// Numbers, dates and durations in the reader's language, shared by the pages.

/** A date and time in UTC, medium date and short time. */
export const dateTime = (locale: string) =>
  new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** A share as a whole percentage. */
export const pct = (locale: string, x: number) =>
  new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(x);

/** A duration given in minutes: "2.5 min", "45 min", "3.2 hr" (a decimal below ten minutes); "—" for none. */
export const duration = (locale: string, m: number | null) =>
  m === null
    ? '—'
    : m < 120
      ? new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', maximumFractionDigits: m < 10 ? 1 : 0 }).format(m)
      : new Intl.NumberFormat(locale, { style: 'unit', unit: 'hour', maximumFractionDigits: 1 }).format(m / 60);
