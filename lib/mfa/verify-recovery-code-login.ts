// "Use a recovery code" at the challenge (SPEC B1). A code works once: it is spent by a
// conditional UPDATE (used_at IS NULL) whose row count decides, inside the transaction that
// completes the login, so of racing requests with the same code exactly one wins.
import type { Db } from "@/lib/db/client";
import { findPendingLogin } from "@/lib/auth/pending-login";
import { completeCodeChallenge } from "@/lib/auth/complete-code-challenge";
import { failLoginStep, refuseIfLocked } from "@/lib/auth/login-failure";
import { recordEvent, type RequestContext } from "@/lib/activity/record-event";
import { fail, type Result } from "@/lib/errors";
import { findRecoveryCode, spendRecoveryCode } from "./recovery-codes";

export async function verifyRecoveryCodeAtLogin(
  db: Db,
  opts: { pendingToken: string; code: string; context: RequestContext; nowMs?: number },
): Promise<Result<{ ticket: string; remaining: number }>> {
  const nowMs = opts.nowMs ?? Date.now();
  const pending = await findPendingLogin(db, { token: opts.pendingToken, stage: "MFA_CHALLENGE", nowMs });
  if (!pending) return fail("PENDING_LOGIN_EXPIRED");
  if (!pending.allowedMethods.includes("RECOVERY_CODE")) return fail("METHOD_NOT_ALLOWED");
  const { user } = pending;
  const common = { user, method: "RECOVERY_CODE" as const, context: opts.context, nowMs };
  const locked = await refuseIfLocked(db, common);
  if (locked) return locked;

  const { match, unused } = await findRecoveryCode(db, { userId: user.id, code: opts.code });
  if (!match) {
    // A code used before is not a guess either way; it is refused like any wrong code.
    return failLoginStep(db, { ...common, reason: "INVALID_CODE" });
  }

  const event = { orgId: user.orgId, userId: user.id, username: user.username, activity: "LOGIN", method: "RECOVERY_CODE", context: opts.context } as const;
  const outcome = await completeCodeChallenge(db, {
    pendingLoginId: pending.id,
    user,
    method: "RECOVERY_CODE",
    context: opts.context,
    spend: async (tx) => ((await spendRecoveryCode(tx, { id: match.id, userId: user.id, nowMs })) ? { remaining: unused - 1 } : null),
  });
  if (!outcome) {
    await recordEvent(db, { ...event, status: "FAILED", reason: "REPLAYED" });
    return fail("REPLAYED");
  }
  return { ok: true, ticket: outcome.ticket, remaining: outcome.detail.remaining };
}
