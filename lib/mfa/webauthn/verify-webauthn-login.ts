// L5: the answer to the security key challenge. The response must be signed over a live challenge
// of this pending login, by a key of this user, with a signature counter that moved forward; then
// the attempt is settled, the counter stored, the challenge spent, the login completed and the
// event written — in one transaction. Every attempt leaves exactly one event (L7). A response
// checked against a key and found wrong counts toward lockout (L8); one over a challenge that is
// not live could never succeed, so like a replayed TOTP code it is recorded, not counted.
import type { Db } from "@/lib/db/client";
import { completePendingLogin } from "@/lib/auth/pending-login";
import { startChallengeAttempt } from "@/lib/auth/start-challenge-attempt";
import { Lost } from "@/lib/auth/complete-code-challenge";
import { retryOnDeadlock } from "@/lib/db/retry";
import { recordEvent, type RequestContext } from "@/lib/activity/record-event";
import { settleSuccess } from "@/lib/security/lockout";
import type { Result } from "@/lib/errors";
import { consumeChallenge, findLiveChallenge, signedChallenge } from "./challenge-store";
import { recordKeyUse } from "./stored-credentials";
import { verifyAssertion, type AssertionRefusal } from "./verify-assertion";
import type { AuthenticationResponse } from "./schemas";

export async function verifyWebAuthnAtLogin(
  db: Db,
  opts: { pendingToken: string; response: AuthenticationResponse; context: RequestContext; nowMs?: number },
): Promise<Result<{ ticket: string }>> {
  const nowMs = opts.nowMs ?? Date.now();
  const started = await startChallengeAttempt(db, { ...opts, stage: "MFA_CHALLENGE", method: "WEBAUTHN", nowMs });
  if (!started.ok) return started;
  const { attempt } = started;
  const { user, orgDb, pending } = attempt;

  const challenge = await findLiveChallenge(orgDb, {
    challenge: signedChallenge(opts.response.response.clientDataJSON),
    owner: { pendingLoginId: pending.id },
    purpose: "AUTHENTICATION",
    nowMs,
  });
  if (!challenge) return attempt.refuse("CHALLENGE_EXPIRED");

  const checked = await verifyAssertion(orgDb, { user, challenge: challenge.challenge, response: opts.response });
  // One try per challenge: a refused response spends it as well. If it was spent meanwhile, a
  // concurrent submission had the try (a counter check that lost to it is no mistake): stale.
  const refuse = async (reason: AssertionRefusal) => {
    if (!(await consumeChallenge(orgDb, { id: challenge.id, nowMs }))) return attempt.refuse("CHALLENGE_EXPIRED");
    return attempt.wrong(reason);
  };
  if (!checked.ok) return refuse(checked.reason);
  const { key, userVerified } = checked;

  const outcome = await retryOnDeadlock(() =>
    orgDb.$transaction(async (tx) => {
      if (!(await settleSuccess(tx, { user, nowMs, completes: false }))) throw new Lost("LOCKED");
      // The same response submitted twice at once: the first spends the challenge.
      if (!(await consumeChallenge(tx, { id: challenge.id, nowMs }))) throw new Stale();
      // Another assertion of this key was accepted in the meantime: this one is no longer ahead.
      if (!(await recordKeyUse(tx, { ...checked, nowMs }))) throw new Regressed();
      // Another method finished this login meanwhile, or an administrator ended it.
      const issued = await completePendingLogin(tx, { id: pending.id, fromStage: "MFA_CHALLENGE", method: "WEBAUTHN" });
      if (!issued) throw new Lost("PENDING_GONE");
      await recordEvent(tx, {
        orgId: user.orgId,
        userId: user.id,
        username: user.username,
        activity: "LOGIN",
        method: "WEBAUTHN",
        status: "SUCCEEDED",
        context: opts.context,
        detail: { key: key.name, userVerified },
      });
      return issued;
    }),
  ).catch((e: unknown) => {
    if (e instanceof Lost || e instanceof Stale || e instanceof Regressed) return e;
    throw e;
  });
  if (typeof outcome === "string") return { ok: true, ticket: outcome };
  if (outcome instanceof Stale) return attempt.refuse("CHALLENGE_EXPIRED");
  if (outcome instanceof Regressed) return refuse("COUNTER_REGRESSION");
  return attempt.lost(outcome.loss);
}

class Stale extends Error {}
class Regressed extends Error {}
