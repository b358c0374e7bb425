// A signed-in session row for a user, as a finished login leaves it: Standard (password only, or
// High Assurance whose window ran out) or High Assurance for the next hour.
import type { Db } from "@/lib/db/client";
import { randomToken, sha256Hex } from "@/lib/security/tokens";
import { ctx } from "./demo";

export async function sessionFor(db: Db, user: { id: string; orgId: string }, opts: { level?: "STANDARD" | "HIGH_ASSURANCE"; nowMs?: number } = {}) {
  const nowMs = opts.nowMs ?? Date.now();
  const high = opts.level === "HIGH_ASSURANCE";
  return db.session.create({
    data: {
      orgId: user.orgId,
      userId: user.id,
      tokenHash: sha256Hex(randomToken()),
      level: high ? "HIGH_ASSURANCE" : "STANDARD",
      highAssuranceUntil: high ? new Date(nowMs + 3_600_000) : null,
      loginMethod: high ? "TOTP" : "PASSWORD",
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      expiresAt: new Date(nowMs + 12 * 3_600_000),
      createdAt: new Date(nowMs),
      lastSeenAt: new Date(nowMs),
    },
  });
}
