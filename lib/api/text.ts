// One rule for every piece of text a person types (names, reasons, usernames, searches): no
// control characters — Postgres refuses NUL in text and jsonb, and the others are never meant —
// and no broken Unicode (a lone surrogate half, or U+FFFD, which is what a broken encoding
// leaves behind). Tabs and line breaks are allowed only where the field is multi-line.
// Used as `.refine(...plainText("reason", { multiline: true }))` in the shared zod schemas.

// C0 controls but tab, line feed and carriage return; DEL; C1 controls; U+FFFD.
const CONTROL_MULTILINE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFD]/;
const CONTROL_SINGLE_LINE = /[\u0000-\u001F\u007F-\u009F\uFFFD]/;

export function isPlainText(value: string, opts: { multiline?: boolean } = {}): boolean {
  if (!value.isWellFormed()) return false;
  return !(opts.multiline ? CONTROL_MULTILINE : CONTROL_SINGLE_LINE).test(value);
}

export function plainText(what: string, opts: { multiline?: boolean } = {}) {
  return [(value: string) => isPlainText(value, opts), { message: `Remove the control or invalid characters from the ${what}.` }] as const;
}
