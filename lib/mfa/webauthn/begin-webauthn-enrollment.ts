// L3, L5: MFA is required and nothing is registered — the browser is asked to create a security
// key or passkey credential. Options go to the browser; their challenge stays with the server,
// bound to this pending login.
import type { PublicKeyCredentialCreationOptionsJSON } from "@simplewebauthn/server";
import type { Db } from "@/lib/db/client";
import { findPendingLogin } from "@/lib/auth/pending-login";
import { settingsOf } from "@/lib/auth/login-failure";
import { lockoutState } from "@/lib/security/lockout";
import { fail, type Result } from "@/lib/errors";
import { storeChallenge } from "./challenge-store";
import { listUserCredentials } from "./stored-credentials";
import { buildRegistrationOptions } from "./ceremony-options";
import { forOrg } from "@/lib/db/tenant";

export async function beginWebAuthnEnrollment(
  db: Db,
  opts: { pendingToken: string; nowMs?: number },
): Promise<Result<{ options: PublicKeyCredentialCreationOptionsJSON }>> {
  const nowMs = opts.nowMs ?? Date.now();
  const pending = await findPendingLogin(db, { token: opts.pendingToken, stage: "ENROLLMENT", nowMs });
  if (!pending) return fail("PENDING_LOGIN_EXPIRED");
  const { user } = pending;
  // The org is known from here: every query is scoped to it (T1).
  const orgDb = forOrg(db, pending.orgId);
  // A locked user is not even prompted to touch a key. Asking for options is not an attempt, so
  // no event here; the attempt that follows (confirmWebAuthnEnrollment) records one.
  const { lockedUntil } = lockoutState(user, settingsOf(user), nowMs);
  if (lockedUntil) return fail("LOCKED", { retryAt: lockedUntil });

  const existing = await listUserCredentials(orgDb, user.id);
  const options = await buildRegistrationOptions({ user, existing });
  await storeChallenge(orgDb, {
    orgId: user.orgId,
    userId: user.id,
    owner: { pendingLoginId: pending.id },
    purpose: "REGISTRATION",
    challenge: options.challenge,
    nowMs,
  });
  return { ok: true, options };
}
