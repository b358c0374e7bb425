// RFC 6238 TOTP for authenticator apps (SPEC L4): SHA-1, 6 digits, 30 s, ±1 step.
// otplib 13 does the HMAC, truncation and window search; this module pins the parameters, takes
// time as an argument (tests and replay checks need a fixed clock), and returns the matched time
// step so the caller can store it and reject a second use of the same step.
import { generateSecret, generateSync, verifySync } from "otplib";
import { config } from "@/lib/config";

export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
export const TOTP_WINDOW_STEPS = 1;
export const TOTP_SECRET_BYTES = 20; // 160 bits, RFC 4226's recommended shared-secret length

// Exactly six ASCII digits: rejects full-width digits, signs, "1e5" and anything Number() accepts.
const TOTP_CODE_PATTERN = /^[0-9]{6}$/;

/** Base32 (RFC 4648, no padding for 20 bytes), the form authenticator apps accept. */
export function generateTotpSecret(): string {
  return generateSecret({ length: TOTP_SECRET_BYTES });
}

function epochSecondsAt(nowMs: number): number {
  return Math.floor(nowMs / 1000);
}

/** RFC 6238 T = floor(unix seconds / 30); the value a replay check stores. */
export function timeStepAt(nowMs: number): number {
  return Math.floor(epochSecondsAt(nowMs) / TOTP_PERIOD_SECONDS);
}

export function totpCodeAt(secretBase32: string, nowMs: number): string {
  return generateSync({
    strategy: "totp",
    secret: secretBase32,
    epoch: epochSecondsAt(nowMs),
    period: TOTP_PERIOD_SECONDS,
    digits: TOTP_DIGITS,
    algorithm: "sha1",
  });
}

/** RFC 4226 HOTP. A Buffer is the raw key; a string is base32. otplib rejects keys under 16 bytes. */
export function hotpCode(secret: Buffer | string, counter: number, opts: { digits?: number; algorithm?: "sha1" | "sha256" | "sha512" } = {}): string {
  return generateSync({
    strategy: "hotp",
    secret,
    counter,
    digits: opts.digits ?? TOTP_DIGITS,
    algorithm: opts.algorithm ?? "sha1",
  });
}

/**
 * Returns the matched time step (so callers can reject a step already used), or null.
 * Spaces are removed first because apps show codes as "123 456" and people type them that way.
 * otplib compares each candidate with a constant-time XOR loop; it stops at the first matching
 * step, which reveals only which of the three steps matched, nothing about the secret.
 */
export function matchTotpStep(secretBase32: string, code: string, nowMs: number): number | null {
  const token = code.replace(/ /g, "");
  // otplib throws on a malformed token; a typo is an expected failure here, not an exception.
  if (!TOTP_CODE_PATTERN.test(token)) return null;
  const result = verifySync({
    strategy: "totp",
    secret: secretBase32,
    token,
    epoch: epochSecondsAt(nowMs),
    period: TOTP_PERIOD_SECONDS,
    digits: TOTP_DIGITS,
    algorithm: "sha1",
    // otplib's tolerance is in seconds: it checks every step overlapping [now - 30 s, now + 30 s],
    // which is exactly the previous, current and next step.
    epochTolerance: TOTP_WINDOW_STEPS * TOTP_PERIOD_SECONDS,
  });
  // otplib's VerifyResult is a union of the TOTP and HOTP shapes; only TOTP carries timeStep.
  return result.valid && "timeStep" in result ? result.timeStep : null;
}

// Key URI format: a colon separates issuer from account in the label, so neither may contain one;
// encoding it as %3A is not enough because some apps decode the label before splitting.
function withoutColons(value: string): string {
  return value.replace(/:/g, " ").replace(/\s+/g, " ").trim();
}

/**
 * otpauth://totp/Issuer:account?secret=…&issuer=…&algorithm=SHA1&digits=6&period=30
 * Built here rather than with otplib's generateURI, which omits algorithm/digits/period when they
 * are the defaults (we state them so no app has to guess) and encodes ":" inside names.
 * Spaces become %20, not "+": several authenticator apps show a literal "+".
 */
export function otpauthUri(opts: { secretBase32: string; accountName: string; issuer: string }): string {
  const issuer = withoutColons(opts.issuer);
  const accountName = withoutColons(opts.accountName);
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(accountName)}`;
  const params: Array<[string, string]> = [
    ["secret", opts.secretBase32.replace(/=+$/, "")],
    ["issuer", issuer],
    ["algorithm", "SHA1"],
    ["digits", String(TOTP_DIGITS)],
    ["period", String(TOTP_PERIOD_SECONDS)],
  ];
  const query = params.map(([name, value]) => `${name}=${encodeURIComponent(value)}`).join("&");
  return `otpauth://totp/${label}?${query}`;
}

/**
 * "MFA Console (Acme)" or "MFA Console (Acme, Sandbox)". Authenticator apps key entries by issuer
 * and account, so naming org and environment keeps an enrollment in one from replacing another's
 * entry (SPEC L4). Pass no environment for production.
 */
export function totpIssuer(opts: { orgName: string; environment?: string | null }): string {
  const parts = [opts.orgName.trim(), opts.environment?.trim()].filter((part): part is string => !!part);
  return parts.length > 0 ? `${config.productName} (${parts.join(", ")})` : config.productName;
}
