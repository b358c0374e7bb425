// What the security key challenge page offers (SPEC L2, B1): whose login it is, and the other ways
// this login may be finished — "Use authenticator app instead" only when the user has a confirmed
// app and the challenge accepts it; "Use a recovery code" when the challenge accepts those.
import type { Db } from "@/lib/db/client";
import { findPendingLogin } from "@/lib/auth/pending-login";
import { fail, type Result } from "@/lib/errors";
import { forOrg } from "@/lib/db/tenant";

export interface SecurityKeyChallenge {
  username: string;
  offerTotp: boolean;
  offerRecoveryCode: boolean;
}

export async function describeSecurityKeyChallenge(db: Db, opts: { pendingToken: string; nowMs?: number }): Promise<Result<SecurityKeyChallenge>> {
  const pending = await findPendingLogin(db, { token: opts.pendingToken, stage: "MFA_CHALLENGE", nowMs: opts.nowMs });
  if (!pending) return fail("PENDING_LOGIN_EXPIRED");
  if (!pending.allowedMethods.includes("WEBAUTHN")) return fail("METHOD_NOT_ALLOWED");
  // The org is known from here: every query is scoped to it (T1).
  const orgDb = forOrg(db, pending.orgId);
  const totpApps = pending.allowedMethods.includes("TOTP") ? await orgDb.totpFactor.count({ where: { userId: pending.userId, verifiedAt: { not: null } } }) : 0;
  return {
    ok: true,
    username: pending.user.username,
    offerTotp: totpApps > 0,
    offerRecoveryCode: pending.allowedMethods.includes("RECOVERY_CODE"),
  };
}
