// Temporary verification codes (SPEC A3, S4, B2), as the seed describes them: 1–24 h, one active
// per user, at most six generated per user per hour; reusable until expiry or the maximum uses.
import { randomInt } from "node:crypto";

export const TEMP_CODE_MIN_HOURS = 1;
export const TEMP_CODE_MAX_HOURS = 24;
export const TEMP_CODES_PER_HOUR = 6;
export const TEMP_CODE_DIGITS = 8;

export function newTempCode(): string {
  return String(randomInt(0, 10 ** TEMP_CODE_DIGITS)).padStart(TEMP_CODE_DIGITS, "0");
}

/** "12345678" → "1234 5678", as shown to the admin (typing it either way works). */
export function formatTempCode(code: string): string {
  return `${code.slice(0, 4)} ${code.slice(4)}`;
}
