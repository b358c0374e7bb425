// "Add security key or passkey" on My security, second step (SPEC B7, L5): the new credential is
// checked as at login (verifyNewCredential) against a live challenge of this very session; only
// then is the key stored under the name the person chose, with its METHOD_REGISTERED event, in one
// transaction with the challenge spent. Each attempt is one event. A refused response is not a
// lockout count — as with a new authenticator app (confirm-totp-registration.ts), the session
// already proved who this is, and a bad registration guesses nothing — but it spends the challenge.
import { recordEvent } from "@/lib/activity/record-event";
import { selfEvent, type AccountActionOptions } from "@/lib/account/account-action";
import { mayAddMethod } from "@/lib/account/add-method-assurance";
import { findSessionToRaise } from "@/lib/auth/raise-session";
import { fail, type Result } from "@/lib/errors";
import { consumeChallenge, findLiveChallenge, signedChallenge } from "./challenge-store";
import { saveCredential } from "./stored-credentials";
import { verifyNewCredential } from "./verify-new-credential";
import type { RegistrationResponse } from "./schemas";

export async function confirmKeyRegistration(
  opts: AccountActionOptions & {
    sessionId: string;
    /** Already validated by keyNameSchema. */
    name: string;
    response: RegistrationResponse;
  },
): Promise<Result<{ credentialId: string }>> {
  const nowMs = opts.nowMs ?? Date.now();
  const { orgDb, me } = opts;
  const session = await findSessionToRaise(orgDb, { sessionId: opts.sessionId, userId: me.id, nowMs });
  if (!session) return fail("NOT_FOUND");
  if (!(await mayAddMethod(orgDb, { userId: me.id, session, nowMs }))) return fail("STEP_UP_REQUIRED");
  const event = { ...selfEvent(opts), activity: "METHOD_REGISTERED", method: "WEBAUTHN" } as const;
  const refuse = async (reason: "CHALLENGE_EXPIRED" | "INVALID_KEY_RESPONSE") => {
    await recordEvent(orgDb, { ...event, status: "FAILED", reason });
    return fail(reason);
  };

  const challenge = await findLiveChallenge(orgDb, {
    challenge: signedChallenge(opts.response.response.clientDataJSON),
    owner: { sessionId: session.id },
    purpose: "REGISTRATION",
    nowMs,
  });
  if (!challenge) return refuse("CHALLENGE_EXPIRED");
  const credential = await verifyNewCredential(orgDb, { challenge: challenge.challenge, response: opts.response });
  if (!credential) {
    await consumeChallenge(orgDb, { id: challenge.id, nowMs }); // one try per challenge
    return refuse("INVALID_KEY_RESPONSE");
  }

  const outcome = await orgDb.$transaction(async (tx) => {
    // Two submissions of the same response: the first spends the challenge, the second stops here.
    if (!(await consumeChallenge(tx, { id: challenge.id, nowMs }))) return "CHALLENGE_EXPIRED" as const;
    // Stored meanwhile, or held in another org: the unique index refuses it. The challenge stays
    // spent (one try), so nothing is rolled back.
    if (!(await saveCredential(tx, { user: me, name: opts.name, credential, nowMs, usedToLogIn: false }))) return "INVALID_KEY_RESPONSE" as const;
    await recordEvent(tx, { ...event, status: "SUCCEEDED", detail: { name: opts.name, deviceType: credential.credentialDeviceType, by: "self" } });
    return null;
  });
  return outcome ? refuse(outcome) : { ok: true, credentialId: credential.credential.id };
}
