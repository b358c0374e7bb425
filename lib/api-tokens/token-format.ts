// API tokens as people and secret scanners see them (SPEC P1): "mfac_" and 43 base64url
// characters (256 random bits). The prefix lets a scanner (GitHub's, a pre-commit hook) match a
// leaked token; only the token's SHA-256 is stored, and its first characters, to tell tokens apart.
import { randomToken, sha256Hex } from "@/lib/security/tokens";

export const API_TOKEN_PREFIX = "mfac_";
/** How much of a token the token list shows: the prefix and 8 characters. */
export const API_TOKEN_SHOWN_CHARS = API_TOKEN_PREFIX.length + 8;
const TOKEN_SHAPE = /^mfac_[A-Za-z0-9_-]{43}$/;

export function newApiToken(): { token: string; tokenHash: string; prefix: string } {
  const token = `${API_TOKEN_PREFIX}${randomToken(32)}`;
  return { token, tokenHash: sha256Hex(token), prefix: token.slice(0, API_TOKEN_SHOWN_CHARS) };
}

/** The stored hash of a presented token, or null when it cannot be one of ours (no lookup then). */
export function apiTokenHash(presented: string): string | null {
  return TOKEN_SHAPE.test(presented) ? sha256Hex(presented) : null;
}
