// L2, L5: the security key / passkey challenge of a pending login. The browser is offered the
// user's own keys only; the challenge stays with the server, bound to this pending login.
import type { PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/server";
import type { Db } from "@/lib/db/client";
import { findPendingLogin } from "@/lib/auth/pending-login";
import { settingsOf } from "@/lib/auth/login-failure";
import { lockoutState } from "@/lib/security/lockout";
import { fail, type Result } from "@/lib/errors";
import { storeChallenge } from "./challenge-store";
import { listUserCredentials } from "./stored-credentials";
import { buildAuthenticationOptions } from "./ceremony-options";
import { forOrg } from "@/lib/db/tenant";

export async function beginWebAuthnLogin(
  db: Db,
  opts: { pendingToken: string; nowMs?: number },
): Promise<Result<{ options: PublicKeyCredentialRequestOptionsJSON }>> {
  const nowMs = opts.nowMs ?? Date.now();
  const pending = await findPendingLogin(db, { token: opts.pendingToken, stage: "MFA_CHALLENGE", nowMs });
  if (!pending) return fail("PENDING_LOGIN_EXPIRED");
  // An active temporary code is asked alone (L2): no key can complete that login.
  if (!pending.allowedMethods.includes("WEBAUTHN")) return fail("METHOD_NOT_ALLOWED");
  const { user } = pending;
  // The org is known from here: every query is scoped to it (T1).
  const orgDb = forOrg(db, pending.orgId);
  // Asking for options is not an attempt (no event); a locked user is just not prompted.
  const { lockedUntil } = lockoutState(user, settingsOf(user), nowMs);
  if (lockedUntil) return fail("LOCKED", { retryAt: lockedUntil });

  const keys = await listUserCredentials(orgDb, user.id);
  // Every key was disconnected since the password step: nothing a key could answer.
  if (keys.length === 0) return fail("METHOD_NOT_ALLOWED");
  const options = await buildAuthenticationOptions(keys);
  await storeChallenge(orgDb, {
    orgId: user.orgId,
    userId: user.id,
    owner: { pendingLoginId: pending.id },
    purpose: "AUTHENTICATION",
    challenge: options.challenge,
    nowMs,
  });
  return { ok: true, options };
}
