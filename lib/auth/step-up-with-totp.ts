// "Verify your identity" with the session user's own authenticator app (SPEC L10, B5). Same rules
// as the login challenge: the attempt is admitted before the code is compared, the step is
// accepted once per user under a lock on the user's row (lib/mfa/totp-step.ts), failures count
// toward lockout, and every attempt is one STEP_UP event.
import { failLoginStep, refuseLocked } from "./login-failure";
import { raiseSession, settleStepUp, StepUpAborted, type StepUpOptions } from "./raise-session";
import { startStepUpAttempt } from "./start-step-up-attempt";
import { retryOnDeadlock } from "@/lib/db/retry";
import { recordEvent } from "@/lib/activity/record-event";
import { consumeTotpStep, matchUserTotp } from "@/lib/mfa/totp-step";
import { fail, type Result } from "@/lib/errors";
import { lockedUntilNow } from "./step-up-locked";

export async function stepUpWithTotp(opts: StepUpOptions): Promise<Result<{ highAssuranceUntil: Date }>> {
  const nowMs = opts.nowMs ?? Date.now();
  const { orgDb } = opts;
  const attempt = await startStepUpAttempt({ ...opts, method: "TOTP", nowMs });
  if (!attempt.ok) return attempt;
  const { session, common, failedEvent } = attempt;
  const { user } = session;

  const match = await matchUserTotp(orgDb, { userId: user.id, code: opts.code, nowMs });
  if (!match) return failLoginStep(orgDb, { ...common, reason: "INVALID_CODE" });

  const outcome = await retryOnDeadlock(() =>
    orgDb.$transaction(async (tx) => {
      if (!(await settleStepUp(tx, { session, nowMs }))) throw new StepUpAborted("LOCKED");
      if (!(await consumeTotpStep(tx, { userId: user.id, orgId: user.orgId, match, nowMs }))) throw new StepUpAborted("REPLAYED");
      const until = await raiseSession(tx, { session, method: "TOTP", context: opts.context, nowMs, detail: { factor: match.factor.name } });
      // Revoked meanwhile: roll back so the step is not burnt for nothing.
      if (!until) throw new StepUpAborted("SESSION_ENDED");
      return until;
    }),
  ).catch((e) => {
    if (e instanceof StepUpAborted) return e;
    throw e;
  });
  if (!(outcome instanceof StepUpAborted)) return { ok: true, highAssuranceUntil: outcome };
  if (outcome.reason === "LOCKED") return refuseLocked(orgDb, { ...common, lockedUntil: await lockedUntilNow(orgDb, user, nowMs) });
  // A spent code proves possession of the app, not guessing: an event, but no lockout count.
  await attempt.refund();
  await recordEvent(orgDb, { ...failedEvent, reason: outcome.reason });
  return fail(outcome.reason);
}
