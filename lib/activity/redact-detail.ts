// Event detail is written without secrets (lib/activity/record-event.ts), but the history and its
// CSV leave the product, so a key that names a secret is masked here too: a mistake in some future
// writer must not turn the export into a credential dump.
import type { Prisma } from "@db/generated";

const SECRET_KEY = /(password|secret|token|otp|hash|^code$|^codes$|privatekey|credential$)/i;
export const REDACTED = "[redacted]";

export function redactDetail(value: Prisma.JsonValue | null): Prisma.JsonValue | null {
  if (Array.isArray(value)) return value.map((v) => redactDetail(v));
  if (value && typeof value === "object") {
    const out: Record<string, Prisma.JsonValue | null> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? REDACTED : redactDetail(v ?? null);
    return out;
  }
  return value;
}
