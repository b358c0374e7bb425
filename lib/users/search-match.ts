// Which parts of a name or username the users search matched (issue 12), for <mark> in the table.
// The same rule as the query (user-filters.ts searchWhere): 3+ characters anywhere; 1–2 at the
// start of the name, of a word in the name, or of the username. The search text is a literal,
// never a pattern: regex-special characters are escaped, and React renders the pieces as text.
import { TRIGRAM_LENGTH } from "./user-filters";

export interface TextPiece {
  text: string;
  match: boolean;
}

const REGEX_SPECIAL = /[\\^$.*+?()[\]{}|/]/g;

export function searchPieces(text: string, query: string | undefined, field: "name" | "username"): TextPiece[] {
  const q = query?.trim() ?? "";
  if (!q) return [{ text, match: false }];
  const literal = q.replace(REGEX_SPECIAL, "\\$&");
  const short = q.length < TRIGRAM_LENGTH;
  // Short: only where a word starts (the name) or at the very start (the username).
  const pattern = short ? (field === "name" ? `(?<=^| )${literal}` : `^${literal}`) : literal;
  const pieces: TextPiece[] = [];
  let from = 0;
  for (const m of text.matchAll(new RegExp(pattern, "giu"))) {
    if (m.index > from) pieces.push({ text: text.slice(from, m.index), match: false });
    pieces.push({ text: m[0], match: true });
    from = m.index + m[0].length;
  }
  if (from < text.length) pieces.push({ text: text.slice(from), match: false });
  return pieces;
}
