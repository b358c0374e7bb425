// RFC 4180 CSV, hand-written: a field is quoted when it holds a comma, quote, CR or LF, quotes are
// doubled, records end in CRLF. Twenty lines did not justify another dependency.
//
// Formula injection (OWASP "CSV Injection"): Excel, LibreOffice and Sheets run a cell that starts
// with = + - @ (or a tab or CR, which some of them skip first) as a formula. Every such cell gets
// a leading apostrophe, which spreadsheets show as text and do not evaluate. Usernames, failure
// reasons, user agents and admin-typed reasons all come from people, so no column is exempt.

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRecord(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}
