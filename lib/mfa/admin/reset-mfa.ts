// A6 "Reset MFA": removes every verification method and the recovery codes, expires the
// temporary code and revokes all the user's sessions — one transaction, one event. The user
// registers again at the next login (L3).
import type { OrgTx } from "@/lib/db/tenant";
import { recordEvent } from "@/lib/activity/record-event";
import type { Result } from "@/lib/errors";
import { activeTempCodeWhere } from "@/lib/mfa/temp-codes/active-temp-code";
import { loadTarget, type AdminActionOptions } from "./admin-action";
import { requestMfaReset } from "./request-mfa-reset";
import { effectivePermissions } from "@/lib/users/permissions";
import type { Permission } from "@db/generated";

export interface ResetCounts {
  authenticatorApps: number;
  securityKeys: number;
  recoveryCodes: number;
  tempCodesExpired: number;
  sessionsRevoked: number;
}

/** The reset itself, for callers that already hold a transaction (e.g. an approved request). */
export async function resetUserMfa(
  tx: OrgTx,
  opts: { orgId: string; userId: string; actorId: string | null; nowMs: number },
): Promise<ResetCounts> {
  const now = new Date(opts.nowMs);
  const [apps, keys, codes, temp, sessions] = [
    await tx.totpFactor.deleteMany({ where: { orgId: opts.orgId, userId: opts.userId } }),
    await tx.webAuthnCredential.deleteMany({ where: { orgId: opts.orgId, userId: opts.userId } }),
    await tx.recoveryCode.deleteMany({ where: { orgId: opts.orgId, userId: opts.userId } }),
    await tx.tempCode.updateMany({
      where: { orgId: opts.orgId, userId: opts.userId, ...activeTempCodeWhere(opts.nowMs) },
      data: { expiredAt: now, expiredById: opts.actorId },
    }),
    await tx.session.updateMany({
      where: { orgId: opts.orgId, userId: opts.userId, revokedAt: null },
      data: { revokedAt: now, revokedReason: "mfa-reset" },
    }),
  ];
  // A login in progress (or a ticket already issued) must not become a session after the reset.
  await tx.pendingLogin.updateMany({ where: { orgId: opts.orgId, userId: opts.userId, consumedAt: null }, data: { consumedAt: now } });
  return { authenticatorApps: apps.count, securityKeys: keys.count, recoveryCodes: codes.count, tempCodesExpired: temp.count, sessionsRevoked: sessions.count };
}

export type ResetOutcome = { counts: ResetCounts; pendingApproval?: false } | { pendingApproval: true };

export async function resetMfa(opts: AdminActionOptions & { reason: string }): Promise<Result<ResetOutcome>> {
  const nowMs = opts.nowMs ?? Date.now();
  const loaded = await loadTarget(opts, opts.reason);
  if ("failure" in loaded) return loaded.failure;
  const { target } = loaded;
  const settings = await opts.orgDb.orgSettings.findUnique({ where: { orgId: opts.orgId } });
  // B3: resetting an administrator may need a second administrator's approval. The operator's
  // break-glass CLI (E3, no user actor) is exactly for when no second administrator can act.
  if (settings?.requireSecondAdminForAdminReset && isAdministrator(target) && opts.actor.id) {
    return requestMfaReset({ ...opts, actorId: opts.actor.id, target, reason: opts.reason });
  }
  return opts.orgDb.$transaction(async (tx) => {
    const counts = await resetUserMfa(tx, { orgId: opts.orgId, userId: target.id, actorId: opts.actor.id, nowMs });
    await recordEvent(tx, {
      orgId: opts.orgId,
      userId: target.id,
      username: target.username,
      actorId: opts.actor.id,
      actorLabel: opts.actor.label ?? null,
      activity: "MFA_RESET",
      status: "SUCCEEDED",
      context: opts.context,
      detail: { reason: opts.reason.trim(), ...counts },
    });
    return { ok: true as const, counts };
  });
}

function isAdministrator(user: { extraPermissions: Permission[]; profile: { permissions: Permission[] } }): boolean {
  const granted = effectivePermissions(user);
  return granted.has("MANAGE_USERS") || granted.has("MANAGE_MFA");
}
