// Prisma's contains / startsWith / endsWith become LIKE patterns without escaping the pattern
// characters, so a search for "%" or "_" would match everyone. Escaped with LIKE's default escape
// character (backslash), the text matches only itself.
export function likeLiteral(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
