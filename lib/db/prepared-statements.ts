// Statements the server runs on nearly every request, prepared once per connection instead of
// parsed and planned on each call: a statement whose text starts with PREPARED gets a name, and pg
// keeps it prepared on that connection (PrismaPg's statementNameGenerator). Only marked ones: a
// prepared statement gets a generic plan after five runs, which suits fixed-shape lookups (the API
// token, a page's rows, an event insert) but not every query the typed client builds. Planning was
// 0.3–0.4 ms per call of the token lookup and of the users page's rows (bench/api.ts; decision 020).
import { createHash } from "node:crypto";

/**
 * First in a statement's text (a comment, so Postgres ignores it): `${PREPARED}\nSELECT …`, or
 * written out at the start of a tagged template, which cannot splice a constant: $queryRaw`/* prepared *\/ …`.
 */
export const PREPARED = "/* prepared */";

const names = new Map<string, string>();

/**
 * The statement's name, the same in every process for the same text. An unmarked statement gets
 * none — typed as a string for PrismaPg, but pg sends a query without a name unprepared, as before.
 */
export const statementName = ((query: { sql: string }): string | undefined => {
  if (!query.sql.startsWith(PREPARED)) return undefined;
  let name = names.get(query.sql);
  if (!name) {
    // Postgres names are at most 63 bytes; a hash of the text keeps two texts from sharing one.
    name = `mfa_${createHash("sha256").update(query.sql).digest("base64url").slice(0, 32)}`;
    names.set(query.sql, name);
  }
  return name;
}) as (query: { sql: string }) => string;
