// L3, L5: the browser's new credential is verified against the stored challenge; only then is
// the key registered — under the name the person chose — and the pending login completed, with
// the first recovery codes (B1), in one transaction with the challenge spent. Refusals follow
// verify-webauthn-login.ts: one event each; counted toward lockout when the response was checked.
import { verifyRegistrationResponse } from "@simplewebauthn/server";
import type { Db } from "@/lib/db/client";
import { findPendingLogin } from "@/lib/auth/pending-login";
import { failLoginStep, refuseIfLocked } from "@/lib/auth/login-failure";
import { recordEvent, type RequestContext } from "@/lib/activity/record-event";
import { fail, type Result } from "@/lib/errors";
import { completeEnrollment, type EnrollmentCompleted } from "../complete-enrollment";
import { consumeChallenge, findLiveChallenge, signedChallenge } from "./challenge-store";
import { cleanTransports } from "./stored-credentials";
import { relyingParty, SUPPORTED_ALGORITHM_IDS } from "./relying-party";
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

  const rp = relyingParty();
  const verification = await verifyRegistrationResponse({
    response: opts.response,
    expectedChallenge: challenge.challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.id,
    // userVerification was "preferred": a key without a PIN is still a second factor.
    requireUserVerification: false,
    supportedAlgorithmIDs: SUPPORTED_ALGORITHM_IDS,
  }).catch(() => null); // the library throws on any malformed or mismatched response
  const info = verification?.verified ? verification.registrationInfo : null;
  // Credential ids are unique across the whole table; one already stored is never taken over.
  const taken = info ? await db.webAuthnCredential.count({ where: { credentialId: info.credential.id } }) : 0;
  if (!info || taken > 0) {
    await consumeChallenge(db, { id: challenge.id, nowMs }); // one try per challenge
    return failLoginStep(db, { ...common, activity: "METHOD_REGISTERED", reason: "INVALID_KEY_RESPONSE" });
  }

  const completed = await db
    .$transaction(async (tx) => {
      // Two submissions of the same response: the first spends the challenge, the second stops here.
      if (!(await consumeChallenge(tx, { id: challenge.id, nowMs }))) throw new LostRace();
      await tx.webAuthnCredential.create({
        data: {
          orgId: user.orgId,
          userId: user.id,
          name: opts.name,
          credentialId: info.credential.id,
          publicKey: info.credential.publicKey,
          signCount: BigInt(info.credential.counter),
          transports: cleanTransports(info.credential.transports),
          deviceType: info.credentialDeviceType,
          backedUp: info.credentialBackedUp,
          createdAt: new Date(nowMs),
        },
      });
      return completeEnrollment(tx, { pendingLoginId: pending.id, user, method: "WEBAUTHN", methodName: opts.name, context: opts.context });
    })
    .catch((e) => {
      if (e instanceof LostRace) return null;
      throw e;
    });
  return completed ? { ok: true, ...completed } : refuseStale();
}

class LostRace extends Error {}
