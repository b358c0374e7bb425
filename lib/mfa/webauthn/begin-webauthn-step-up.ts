// SPEC L10, L5: "Verify your identity" with a security key or passkey — options for the browser,
// offering the session user's own keys; the challenge stays with the server, bound to this
// session (not to any login), so an answer signed here never finishes a login or another session.
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import { findSessionToRaise, stepUpAllowed, type SessionRef } from "@/lib/auth/raise-session";
import { settingsOf } from "@/lib/auth/login-failure";
import { lockoutState } from "@/lib/security/lockout";
import { fail, type Result } from "@/lib/errors";
import { storeChallenge } from "./challenge-store";
import { listUserCredentials } from "./stored-credentials";
import { buildAuthenticationOptions } from "./ceremony-options";

export async function beginWebAuthnStepUp(opts: Omit<SessionRef, "context">): Promise<Result<{ options: PublicKeyCredentialRequestOptionsJSON }>> {
  const nowMs = opts.nowMs ?? Date.now();
  const { orgDb } = opts;
  const session = await findSessionToRaise(orgDb, { sessionId: opts.sessionId, userId: opts.userId, nowMs });
  if (!session) return fail("NOT_FOUND");
  // S2: a method the org does not count as High Assurance is not offered (nor accepted).
  if (!stepUpAllowed(session, "WEBAUTHN")) return fail("METHOD_NOT_ALLOWED");
  const { user } = session;
  // Asking for options is not an attempt (no event); a locked user is just not prompted.
  const { lockedUntil } = lockoutState(user, settingsOf(user), nowMs);
  if (lockedUntil) return fail("LOCKED", { retryAt: lockedUntil });

  const keys = await listUserCredentials(orgDb, user.id);
  if (keys.length === 0) return fail("METHOD_NOT_ALLOWED");
  const options = await buildAuthenticationOptions(keys);
  await storeChallenge(orgDb, {
    orgId: user.orgId,
    userId: user.id,
    owner: { sessionId: session.id },
    purpose: "AUTHENTICATION",
    challenge: options.challenge,
    nowMs,
  });
  return { ok: true, options };
}
