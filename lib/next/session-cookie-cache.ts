// The session token inside each recently seen next-auth cookie, per process (issue 11: the session
// check per request). next-auth's decode derives its key with HKDF and decrypts the JWE on every
// call — about a fifth of a millisecond of CPU per request, for a value that never changes for a
// given cookie string. Only the cookie → token step is remembered: the session row is still read
// on every request, so a revoked or idle session ends on its next request as before (L9).
const MAX_ENTRIES = 10_000;

interface Entry {
  sid: string;
  /** The JWT's own expiry; after it the cookie is decoded (and refused) again. */
  expiresAtMs: number;
}

const entries = new Map<string, Entry>();

export function cachedSessionToken(cookieValue: string, nowMs: number): string | null {
  const entry = entries.get(cookieValue);
  if (!entry) return null;
  if (entry.expiresAtMs <= nowMs) {
    entries.delete(cookieValue);
    return null;
  }
  return entry.sid;
}

export function rememberSessionToken(cookieValue: string, entry: Entry): void {
  // A Map iterates in insertion order: the oldest entry goes first when full.
  if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  entries.set(cookieValue, entry);
}
