// L3, L5: the browser's new credential is verified against the stored challenge; only then is
// the key registered — under the name the person chose — and the pending login completed, with
// the first recovery codes (B1), in one transaction with the challenge spent. Refusals follow
// verify-webauthn-login.ts: one event each; counted toward lockout when the response was checked.
import type { Db } from "@/lib/db/client";
import { startChallengeAttempt } from "@/lib/auth/start-challenge-attempt";
import { Lost } from "@/lib/auth/complete-code-challenge";
import { retryOnDeadlock } from "@/lib/db/retry";
import { settleSuccess } from "@/lib/security/lockout";
import type { RequestContext } from "@/lib/activity/record-event";
import type { Result } from "@/lib/errors";
import { completeEnrollment, type EnrollmentCompleted } from "../complete-enrollment";
import { consumeChallenge, findLiveChallenge, signedChallenge } from "./challenge-store";
import { saveCredential } from "./stored-credentials";
import { verifyNewCredential } from "./verify-new-credential";
import type { RegistrationResponse } from "./schemas";

export async function confirmWebAuthnEnrollment(
  db: Db,
  opts: {
    pendingToken: string;
    /** Already validated by keyNameSchema. */
    name: string;
    response: RegistrationResponse;
    context: RequestContext;
    nowMs?: number;
  },
): Promise<Result<EnrollmentCompleted>> {
  const nowMs = opts.nowMs ?? Date.now();
  const started = await startChallengeAttempt(db, { ...opts, stage: "ENROLLMENT", method: "WEBAUTHN", activity: "METHOD_REGISTERED", nowMs });
  if (!started.ok) return started;
  const { attempt } = started;
  const { user, orgDb, pending } = attempt;

  const challenge = await findLiveChallenge(orgDb, {
    challenge: signedChallenge(opts.response.response.clientDataJSON),
    owner: { pendingLoginId: pending.id },
    purpose: "REGISTRATION",
    nowMs,
  });
  if (!challenge) return attempt.refuse("CHALLENGE_EXPIRED");

  // One try per challenge: a refused response spends it as well.
  const refuse = async () => {
    await consumeChallenge(orgDb, { id: challenge.id, nowMs });
    return attempt.wrong("INVALID_KEY_RESPONSE");
  };
  const credential = await verifyNewCredential(orgDb, { challenge: challenge.challenge, response: opts.response });
  if (!credential) return refuse();

  const completed = await retryOnDeadlock(() =>
    orgDb.$transaction(async (tx) => {
      if (!(await settleSuccess(tx, { user, nowMs, completes: false }))) throw new Lost("LOCKED");
      // Two submissions of the same response: the first spends the challenge, the second stops here.
      if (!(await consumeChallenge(tx, { id: challenge.id, nowMs }))) throw new Stale();
      // Its id was stored meanwhile (another registration of the same credential won).
      if (!(await saveCredential(tx, { user, name: opts.name, credential, nowMs, usedToLogIn: true }))) throw new Taken();
      const done = await completeEnrollment(tx, { pendingLoginId: pending.id, user, method: "WEBAUTHN", methodName: opts.name, context: opts.context });
      if (!done) throw new Lost("PENDING_GONE");
      return done;
    }),
  ).catch((e: unknown) => {
    if (e instanceof Lost || e instanceof Stale || e instanceof Taken) return e;
    throw e;
  });
  if (completed instanceof Stale) return attempt.refuse("CHALLENGE_EXPIRED");
  if (completed instanceof Taken) return refuse();
  if (completed instanceof Lost) return attempt.lost(completed.loss);
  return { ok: true, ...completed };
}

class Stale extends Error {}
class Taken extends Error {}
