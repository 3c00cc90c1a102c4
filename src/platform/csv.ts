// CSV as spreadsheets read it (RFC 4180, CRLF line ends), for every export: a cell with a comma, a quote or a
// line break is quoted; a cell a spreadsheet would run as a formula (=, +, -, @, a tab or a carriage return
// first) is prefixed with ' so it stays text. Dates are written in ISO 8601, lists joined by a space unless the
// caller joins them otherwise, other objects as JSON.

/** One cell: quoted when it must be, or always (`quoteAll`, for files whose every cell was always quoted). */
export function csvCell(value: unknown, quoteAll = false): string {
  const s =
    value instanceof Date
      ? value.toISOString()
      : Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)
        ? value.join(' ')
        : typeof value === 'object' && value !== null
          ? JSON.stringify(value)
          : String(value ?? '');
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return quoteAll || /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** The rows (headings first) as a CSV file, every line ended by CRLF. */
export function csvFile(rows: readonly (readonly unknown[])[], quoteAll = false): string {
  return rows.map((r) => `${r.map((v) => csvCell(v, quoteAll)).join(',')}\r\n`).join('');
}
