// "Use a recovery code" to verify a signed-in session (SPEC L10, B1). The code is spent by a
// conditional update in the transaction that raises the session, so of racing requests with the
// same code exactly one wins; failures count toward lockout; every attempt is one STEP_UP event.
import { failLoginStep, refuseLocked } from "./login-failure";
import { raiseSession, settleStepUp, StepUpAborted, type StepUpOptions } from "./raise-session";
import { startStepUpAttempt } from "./start-step-up-attempt";
import { lockedUntilNow } from "./step-up-locked";
import { retryOnDeadlock } from "@/lib/db/retry";
import { recordEvent } from "@/lib/activity/record-event";
import { findRecoveryCode, spendRecoveryCode } from "@/lib/mfa/recovery-codes";
import { fail, type Result } from "@/lib/errors";

export async function stepUpWithRecoveryCode(opts: StepUpOptions): Promise<Result<{ highAssuranceUntil: Date; remaining: number }>> {
  const nowMs = opts.nowMs ?? Date.now();
  const { orgDb } = opts;
  const attempt = await startStepUpAttempt({ ...opts, method: "RECOVERY_CODE", nowMs });
  if (!attempt.ok) return attempt;
  const { session, common, failedEvent } = attempt;
  const { user } = session;

  const { match, unused } = await findRecoveryCode(orgDb, { userId: user.id, code: opts.code });
  // A code used before is refused like any wrong code.
  if (!match) return failLoginStep(orgDb, { ...common, reason: "INVALID_CODE" });

  const remaining = unused - 1;
  const outcome = await retryOnDeadlock(() =>
    orgDb.$transaction(async (tx) => {
      if (!(await settleStepUp(tx, { session, nowMs }))) throw new StepUpAborted("LOCKED");
      if (!(await spendRecoveryCode(tx, { id: match.id, userId: user.id, nowMs }))) throw new StepUpAborted("REPLAYED");
      const until = await raiseSession(tx, { session, method: "RECOVERY_CODE", context: opts.context, nowMs, detail: { remaining } });
      if (!until) throw new StepUpAborted("SESSION_ENDED");
      return until;
    }),
  ).catch((e) => {
    if (e instanceof StepUpAborted) return e;
    throw e;
  });
  if (!(outcome instanceof StepUpAborted)) return { ok: true, highAssuranceUntil: outcome, remaining };
  if (outcome.reason === "LOCKED") return refuseLocked(orgDb, { ...common, lockedUntil: await lockedUntilNow(orgDb, user, nowMs) });
  await attempt.refund();
  await recordEvent(orgDb, { ...failedEvent, reason: outcome.reason });
  return fail(outcome.reason);
}
