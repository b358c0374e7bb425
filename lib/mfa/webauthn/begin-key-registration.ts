// "Add security key or passkey" on My security (SPEC B7, L5): a signed-in user registers another
// key. The options exclude the user's keys, so an authenticator already registered says so
// instead of being added twice; the challenge stays with the server, bound to this session. (The
// login-time registration, L3, is begin-webauthn-enrollment.ts, bound to the pending login.)
import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import type { AccountActionOptions } from "@/lib/account/account-action";
import { mayAddMethod } from "@/lib/account/add-method-assurance";
import { findSessionToRaise } from "@/lib/auth/raise-session";
import { fail, type Result } from "@/lib/errors";
import { storeChallenge } from "./challenge-store";
import { listUserCredentials } from "./stored-credentials";
import { buildRegistrationOptions } from "./ceremony-options";

export type KeyRegistrationOptions = Omit<AccountActionOptions, "context"> & {
  /** The caller's own session (getCurrentSession().session.id), never from the request. */
  sessionId: string;
};

export async function beginKeyRegistration(opts: KeyRegistrationOptions): Promise<Result<{ options: PublicKeyCredentialCreationOptionsJSON }>> {
  const nowMs = opts.nowMs ?? Date.now();
  const { orgDb, me } = opts;
  const session = await findSessionToRaise(orgDb, { sessionId: opts.sessionId, userId: me.id, nowMs });
  if (!session) return fail("NOT_FOUND");
  // The page's guard sends a Standard session to step up first; this holds whoever calls.
  if (!(await mayAddMethod(orgDb, { userId: me.id, session, nowMs }))) return fail("STEP_UP_REQUIRED");

  const existing = await listUserCredentials(orgDb, me.id);
  const options = await buildRegistrationOptions({ user: session.user, existing });
  await storeChallenge(orgDb, {
    orgId: me.orgId,
    userId: me.id,
    owner: { sessionId: session.id },
    purpose: "REGISTRATION",
    challenge: options.challenge,
    nowMs,
  });
  return { ok: true, options };
}
