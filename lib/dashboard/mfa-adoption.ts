// Setup home (SPEC V5): how many active users of the org can verify, and with what. A user with
// both an app and a key counts under each, so the method shares do not add up to 100 %; "none"
// means no authenticator app and no security key (recovery codes alone are a fallback, not a
// method a user logs in with every day), the same rule as the users list's "No method" filter.
// Counts through the tenant-scoped client, each served by the per-user indexes.
import type { OrgDb } from "@/lib/db/tenant";
import { activeTempCodeWhere } from "@/lib/mfa/temp-codes/active-temp-code";

export interface MfaAdoption {
  activeUsers: number;
  totp: number;
  webauthn: number;
  recoveryCodes: number;
  none: number;
  tempCodesActive: number;
  lockedUsers: number;
}

export async function getMfaAdoption(orgDb: OrgDb, opts: { nowMs?: number } = {}): Promise<MfaAdoption> {
  const now = new Date(opts.nowMs ?? Date.now());
  const active = { isActive: true };
  const verifiedTotp = { some: { verifiedAt: { not: null } } };
  const [activeUsers, totp, webauthn, recoveryCodes, none, tempCodesActive, lockedUsers] = await Promise.all([
    orgDb.user.count({ where: active }),
    orgDb.user.count({ where: { ...active, totpFactors: verifiedTotp } }),
    orgDb.user.count({ where: { ...active, webauthnCreds: { some: {} } } }),
    orgDb.user.count({ where: { ...active, recoveryCodes: { some: { usedAt: null } } } }),
    orgDb.user.count({ where: { ...active, totpFactors: { none: { verifiedAt: { not: null } } }, webauthnCreds: { none: {} } } }),
    orgDb.tempCode.count({ where: activeTempCodeWhere(now.getTime()) }),
    orgDb.user.count({ where: { lockedUntil: { gt: now } } }),
  ]);
  return { activeUsers, totp, webauthn, recoveryCodes, none, tempCodesActive, lockedUsers };
}
