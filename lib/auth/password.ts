// Password hashing with argon2id at OWASP's minimum parameters (SPEC L1).
// 19 MiB / t=2 / p=1 is OWASP's first recommended argon2id configuration: memory-hard enough to
// hurt GPU cracking while a verify stays near 20 ms (measured on a 2-core dev VM).
import { argon2id, hash, needsRehash as argon2NeedsRehash, verify } from "argon2";
import { randomBytes } from "node:crypto";

// Generous so passphrases fit; a bound still stops megabyte "passwords" from costing hash time.
/** What the login form accepts (UTF-16 units): above the 128 code points a new password may have (lib/auth/password-rules.ts). */
export const LOGIN_PASSWORD_MAX_LENGTH = 256;

export const ARGON2_MEMORY_KIB = 19_456; // 19 MiB
export const ARGON2_TIME_COST_PASSES = 2;
export const ARGON2_PARALLELISM_LANES = 1;

const ARGON2_OPTIONS = {
  type: argon2id,
  memoryCost: ARGON2_MEMORY_KIB,
  timeCost: ARGON2_TIME_COST_PASSES,
  parallelism: ARGON2_PARALLELISM_LANES,
} as const;

/** PHC string, e.g. `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`; the salt is random per call. */
// NFC first (NIST SP 800-63B 5.1.1.2): "é" typed as one code point or as e + accent is one password.
export function hashPassword(plain: string): Promise<string> {
  return hash(plain.normalize("NFC"), ARGON2_OPTIONS);
}

/**
 * False for a wrong password and for a hash that cannot be parsed (empty column, imported junk):
 * a login handler must never turn a bad row into a 500 that tells the caller the user exists.
 * A user without a password yet (empty hash: waiting for an activation link, W1) costs the same
 * argon2 work as any other, so the answer's time does not tell that such a user exists.
 */
export async function verifyPassword(storedHash: string, plain: string): Promise<boolean> {
  if (!storedHash.startsWith("$argon2")) return verifyAgainstDummy(plain);
  try {
    return await verify(storedHash, plain.normalize("NFC"));
  } catch {
    return false;
  }
}

// Computed on first use rather than at import, so importing this module (e.g. in a build step)
// costs nothing. The first unknown-user login pays for hashing once; every later one matches a
// wrong-password login exactly, because the dummy uses the same parameters.
let dummyHashPromise: Promise<string> | undefined;

function dummyHash(): Promise<string> {
  dummyHashPromise ??= hashPassword(randomBytes(32).toString("base64url")).catch((error: unknown) => {
    dummyHashPromise = undefined; // let the next call retry instead of caching a failure
    throw error;
  });
  return dummyHashPromise;
}

/**
 * Call when the username is unknown: does the same argon2 work as a real verify, so response time
 * does not reveal which usernames exist (SPEC L1). Always false — the dummy's password is random
 * and never leaves this module.
 */
export async function verifyAgainstDummy(plain: string): Promise<false> {
  await verifyPassword(await dummyHash(), plain);
  return false;
}

/**
 * True when a stored hash was made with other parameters or another argon2 variant; after a
 * successful login the caller re-hashes the password it just verified and stores the new hash.
 */
export function needsRehash(storedHash: string): boolean {
  if (!storedHash.startsWith("$argon2id$")) return true;
  try {
    return argon2NeedsRehash(storedHash, {
      memoryCost: ARGON2_MEMORY_KIB,
      timeCost: ARGON2_TIME_COST_PASSES,
      parallelism: ARGON2_PARALLELISM_LANES,
    });
  } catch {
    return true;
  }
}

/** Computes the dummy hash ahead of the first unknown-user login (called when /login renders). */
export function warmDummyHash(): void {
  dummyHash().catch(() => undefined);
}
