// Random tokens, digests and comparisons for values an attacker may probe: session ids, API tokens,
// temporary codes (SPEC L6), recovery codes. Plain `===` on these leaks how many leading characters
// matched through timing.
import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

export const RANDOM_TOKEN_DEFAULT_BYTES = 32; // 256 bits: unguessable even without rate limits

/** URL- and cookie-safe random token; 32 bytes → 43 characters. */
export function randomToken(byteLength: number = RANDOM_TOKEN_DEFAULT_BYTES): string {
  if (!Number.isInteger(byteLength) || byteLength < 16) {
    // Under 128 bits a token becomes guessable at scale; this is a programming error.
    throw new RangeError(`randomToken needs at least 16 bytes, got ${byteLength}`);
  }
  return randomBytes(byteLength).toString("base64url");
}

/**
 * What we store instead of a high-entropy token: a database leak then yields nothing usable.
 * Unsalted is fine only because the input is random; never use this for passwords.
 */
export function sha256Hex(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/** Keyed digest, e.g. for webhook signatures or for hashing low-entropy codes with a server pepper. */
export function hmacSha256Hex(key: string | Buffer, value: string): string {
  return createHmac("sha256", key).update(value, "utf8").digest("hex");
}

/**
 * Compares two strings without revealing where they differ or how long either is: both sides are
 * hashed to 32-byte digests first, because timingSafeEqual throws on unequal lengths and an early
 * length check would itself leak the secret's length.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  const digestA = createHash("sha256").update(a, "utf8").digest();
  const digestB = createHash("sha256").update(b, "utf8").digest();
  return timingSafeEqual(digestA, digestB);
}
