// L3, L5: the browser's new credential is verified against the stored challenge; only then is
// the key registered — under the name the person chose — and the pending login completed, with
// the first recovery codes (B1), in one transaction with the challenge spent. Refusals follow
// verify-webauthn-login.ts: one event each; counted toward lockout when the response was checked.
import type { Db } from "@/lib/db/client";
import { findPendingLogin } from "@/lib/auth/pending-login";
import { failLoginStep, refuseIfLocked } from "@/lib/auth/login-failure";
import { recordEvent, type RequestContext } from "@/lib/activity/record-event";
import { fail, type Result } from "@/lib/errors";
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
  const pending = await findPendingLogin(db, { token: opts.pendingToken, stage: "ENROLLMENT", nowMs });
  if (!pending) return fail("PENDING_LOGIN_EXPIRED");
  const { user } = pending;
  const common = { user, method: "WEBAUTHN" as const, context: opts.context, nowMs };
  const locked = await refuseIfLocked(db, common);
  if (locked) return locked;
  const refuseStale = async () => {
    await recordEvent(db, {
      orgId: user.orgId,
      userId: user.id,
      username: user.username,
      activity: "METHOD_REGISTERED",
      method: "WEBAUTHN",
      status: "FAILED",
      reason: "CHALLENGE_EXPIRED",
      context: opts.context,
    });
    return fail("CHALLENGE_EXPIRED");
  };

  const owner = { pendingLoginId: pending.id };
  const challenge = await findLiveChallenge(db, {
    challenge: signedChallenge(opts.response.response.clientDataJSON),
    owner,
    purpose: "REGISTRATION",
    nowMs,
  });
  if (!challenge) return refuseStale();

  // One try per challenge: a refused response spends it as well.
  const refuse = async () => {
    await consumeChallenge(db, { id: challenge.id, nowMs });
    return failLoginStep(db, { ...common, activity: "METHOD_REGISTERED", reason: "INVALID_KEY_RESPONSE" });
  };
  const credential = await verifyNewCredential(db, { challenge: challenge.challenge, response: opts.response });
  if (!credential) return refuse();

  const completed = await db
    .$transaction(async (tx) => {
      // Two submissions of the same response: the first spends the challenge, the second stops here.
      if (!(await consumeChallenge(tx, { id: challenge.id, nowMs }))) throw new LostRace("stale");
      // Its id was stored meanwhile (another registration of the same credential won).
      if (!(await saveCredential(tx, { user, name: opts.name, credential, nowMs }))) throw new LostRace("taken");
      return completeEnrollment(tx, { pendingLoginId: pending.id, user, method: "WEBAUTHN", methodName: opts.name, context: opts.context });
    })
    .catch((e) => {
      if (e instanceof LostRace) return e;
      throw e;
    });
  if (completed instanceof LostRace) return completed.reason === "stale" ? refuseStale() : refuse();
  return { ok: true, ...completed };
}

class LostRace extends Error {
  constructor(readonly reason: "stale" | "taken") {
    super(reason);
  }
}
