// Short human-typed codes (temporary codes, recovery codes) are stored as HMAC-SHA256 under a
// server key derived from MFA_ENCRYPTION_KEY: a plain SHA-256 of an 8-digit code could be
// reversed from a database dump in seconds; without the key it cannot. Comparison is constant-time.
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import { getEncryptionKey } from "./encryption";

export type CodePurpose = "temp-code" | "recovery-code";

function keyFor(purpose: CodePurpose): Buffer {
  return Buffer.from(hkdfSync("sha256", getEncryptionKey(), Buffer.alloc(0), `mfa-console/${purpose}`, 32));
}

/** Normalises what a person typed: case, spaces and dashes do not matter. */
export function normalizeCode(raw: string): string {
  return raw.replace(/[\s-]+/g, "").toLowerCase();
}

export function hashCode(purpose: CodePurpose, code: string): string {
  return createHmac("sha256", keyFor(purpose)).update(normalizeCode(code)).digest("hex");
}

/** Constant-time check of a typed code against one stored hash. */
export function codeMatches(purpose: CodePurpose, typed: string, storedHash: string): boolean {
  const a = Buffer.from(hashCode(purpose, typed), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}
