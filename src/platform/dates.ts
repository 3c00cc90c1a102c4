// A date and time said as the reader's language says it, in UTC with the zone named: mails and pages are read
// anywhere, so the zone is never left to be guessed. One formatter per language and month style, made once.

const formats = new Map<string, Intl.DateTimeFormat>();

/** "5 mars 2026 à 14:30 UTC" (month 'long', as mails say it) or "5 Dec 2026, 14:30 UTC" ('short', on pages). */
export function utcStamp(locale: string, at: Date | string, month: 'long' | 'short'): string {
  const key = `${locale}:${month}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month,
      day: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: 'UTC',
      timeZoneName: 'short',
    });
    formats.set(key, format);
  }
  return format.format(new Date(at));
}
