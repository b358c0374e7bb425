// "Verify your identity" with the session user's own security key or passkey (SPEC L10, L5). The
// answer must be signed over a live challenge of this very session (beginWebAuthnStepUp), by a key
// of this user, with a counter that moved forward — the login's check (verifyAssertion). Then the
// challenge is spent, the counter stored and the session raised, in one transaction. Failures are
// the other step-ups' and the login's: a checked, wrong answer is one event and a counted failure;
// an answer over a challenge that is not live (expired, spent, another session's) is one event,
// not counted — it could never succeed, and each live challenge allows one try.
import { failLoginStep, refuseLocked } from "./login-failure";
import { raiseSession, settleStepUp, StepUpAborted, type SessionRef } from "./raise-session";
import { startStepUpAttempt } from "./start-step-up-attempt";
import { lockedUntilNow } from "./step-up-locked";
import { retryOnDeadlock } from "@/lib/db/retry";
import { recordEvent } from "@/lib/activity/record-event";
import { consumeChallenge, findLiveChallenge, signedChallenge } from "@/lib/mfa/webauthn/challenge-store";
import { recordKeyUse } from "@/lib/mfa/webauthn/stored-credentials";
import { verifyAssertion, type AssertionRefusal } from "@/lib/mfa/webauthn/verify-assertion";
import type { AuthenticationResponse } from "@/lib/mfa/webauthn/schemas";
import { fail, type Result } from "@/lib/errors";

export async function stepUpWithWebAuthn(opts: SessionRef & { response: AuthenticationResponse }): Promise<Result<{ highAssuranceUntil: Date }>> {
  const nowMs = opts.nowMs ?? Date.now();
  const { orgDb } = opts;
  const attempt = await startStepUpAttempt({ ...opts, method: "WEBAUTHN", nowMs });
  if (!attempt.ok) return attempt;
  const { session, common, failedEvent } = attempt;
  const refuseStale = async () => {
    await attempt.refund();
    await recordEvent(orgDb, { ...failedEvent, reason: "CHALLENGE_EXPIRED" });
    return fail("CHALLENGE_EXPIRED");
  };

  const challenge = await findLiveChallenge(orgDb, {
    challenge: signedChallenge(opts.response.response.clientDataJSON),
    owner: { sessionId: session.id },
    purpose: "AUTHENTICATION",
    nowMs,
  });
  if (!challenge) return refuseStale();
  // One try per challenge: a refused response spends it as well. If it was spent meanwhile, a
  // concurrent submission had the try (and a counter check that lost to it is not this user's
  // mistake): stale, not counted.
  const refuse = async (reason: AssertionRefusal) => {
    if (!(await consumeChallenge(orgDb, { id: challenge.id, nowMs }))) return refuseStale();
    return failLoginStep(orgDb, { ...common, reason });
  };

  const checked = await verifyAssertion(orgDb, { user: session.user, challenge: challenge.challenge, response: opts.response });
  if (!checked.ok) return refuse(checked.reason);

  const outcome = await retryOnDeadlock(() =>
    orgDb.$transaction(async (tx) => {
      if (!(await settleStepUp(tx, { session, nowMs }))) throw new StepUpAborted("LOCKED");
      // The same response submitted twice at once: the first spends the challenge.
      if (!(await consumeChallenge(tx, { id: challenge.id, nowMs }))) throw new StepUpAborted("CHALLENGE_EXPIRED");
      // Another assertion of this key was accepted in the meantime: this one is no longer ahead.
      if (!(await recordKeyUse(tx, { ...checked, nowMs }))) throw new StepUpAborted("COUNTER_REGRESSION");
      const detail = { key: checked.key.name, userVerified: checked.userVerified };
      const until = await raiseSession(tx, { session, method: "WEBAUTHN", context: opts.context, nowMs, detail });
      // Revoked meanwhile: roll back, so neither the challenge nor the counter moves for nothing.
      if (!until) throw new StepUpAborted("SESSION_ENDED");
      return until;
    }),
  ).catch((e) => {
    if (e instanceof StepUpAborted) return e;
    throw e;
  });
  if (outcome instanceof StepUpAborted) {
    if (outcome.reason === "LOCKED") return refuseLocked(orgDb, { ...common, lockedUntil: await lockedUntilNow(orgDb, session.user, nowMs) });
    if (outcome.reason === "CHALLENGE_EXPIRED") return refuseStale();
    if (outcome.reason === "COUNTER_REGRESSION") return refuse(outcome.reason);
    await attempt.refund();
    await recordEvent(orgDb, { ...failedEvent, reason: outcome.reason });
    return fail(outcome.reason);
  }
  return { ok: true, highAssuranceUntil: outcome };
}
