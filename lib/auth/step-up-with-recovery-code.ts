// "Use a recovery code" to verify a signed-in session (SPEC L10, B1). The code is spent by a
// conditional update in the transaction that raises the session, so of racing requests with the
// same code exactly one wins; failures count toward lockout; every attempt is one STEP_UP event.
import { failLoginStep, refuseIfLocked } from "./login-failure";
import { findSessionToRaise, raiseSession, stepUpAllowed, StepUpAborted, type StepUpOptions } from "./raise-session";
import { recordEvent } from "@/lib/activity/record-event";
import { findRecoveryCode, spendRecoveryCode } from "@/lib/mfa/recovery-codes";
import { fail, type Result } from "@/lib/errors";

export async function stepUpWithRecoveryCode(opts: StepUpOptions): Promise<Result<{ highAssuranceUntil: Date; remaining: number }>> {
  const nowMs = opts.nowMs ?? Date.now();
  const { orgDb } = opts;
  const session = await findSessionToRaise(orgDb, { sessionId: opts.sessionId, userId: opts.userId, nowMs });
  if (!session) return fail("NOT_FOUND");
  const { user } = session;
  const common = { user, method: "RECOVERY_CODE" as const, context: opts.context, nowMs, activity: "STEP_UP" as const };
  const event = { orgId: user.orgId, userId: user.id, username: user.username, activity: "STEP_UP", method: "RECOVERY_CODE", status: "FAILED", context: opts.context } as const;
  if (!stepUpAllowed(session, "RECOVERY_CODE")) {
    await recordEvent(orgDb, { ...event, reason: "METHOD_NOT_ALLOWED" });
    return fail("METHOD_NOT_ALLOWED");
  }
  const locked = await refuseIfLocked(orgDb, common);
  if (locked) return locked;

  const { match, unused } = await findRecoveryCode(orgDb, { userId: user.id, code: opts.code });
  // A code used before is refused like any wrong code.
  if (!match) return failLoginStep(orgDb, { ...common, reason: "INVALID_CODE" });

  const remaining = unused - 1;
  const outcome = await orgDb
    .$transaction(async (tx) => {
      if (!(await spendRecoveryCode(tx, { id: match.id, userId: user.id, nowMs }))) throw new StepUpAborted("REPLAYED");
      const until = await raiseSession(tx, { session, method: "RECOVERY_CODE", context: opts.context, nowMs, detail: { remaining } });
      if (!until) throw new StepUpAborted("SESSION_ENDED");
      return until;
    })
    .catch((e) => {
      if (e instanceof StepUpAborted) return e;
      throw e;
    });
  if (outcome instanceof StepUpAborted) {
    await recordEvent(orgDb, { ...event, reason: outcome.reason });
    return fail(outcome.reason);
  }
  return { ok: true, highAssuranceUntil: outcome, remaining };
}
