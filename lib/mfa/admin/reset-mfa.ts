// A6 "Reset MFA": removes every verification method and the recovery codes, expires the
// temporary code and revokes all the user's sessions and logins in progress — one transaction,
// one event. The user registers again at the next login (L3). Done to an administrator while the
// org asks for it, it becomes a request for a second administrator (B3).
import type { AnyTx } from "@/lib/db/tenant";
import { lockUserRow } from "@/lib/db/lock-user";
import { retryOnDeadlock } from "@/lib/db/retry";
import { recordEvent } from "@/lib/activity/record-event";
import type { Result } from "@/lib/errors";
import { activeTempCodeWhere } from "@/lib/mfa/temp-codes/active-temp-code";
import { needsSecondAdminApproval } from "@/lib/policy/second-admin-approval";
import { loadTarget, type AdminActionOptions } from "./admin-action";
import { requestApproval } from "./request-approval";

export interface ResetCounts {
  authenticatorApps: number;
  securityKeys: number;
  recoveryCodes: number;
  tempCodesExpired: number;
  sessionsRevoked: number;
}

/** The reset itself, for callers that hold a transaction and the user's row lock. */
export async function resetUserMfa(tx: AnyTx, opts: { orgId: string; userId: string; actorId: string | null; nowMs: number }): Promise<ResetCounts> {
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
  return retryOnDeadlock(() =>
    opts.orgDb.$transaction(async (tx): Promise<Result<ResetOutcome>> => {
      // The user row first (lib/db/lock-user.ts), then the methods, sessions and logins in progress.
      await lockUserRow(tx, target);
      if (await needsSecondAdminApproval(tx, { orgId: opts.orgId, action: "mfa.reset", targetUserId: target.id, nowMs })) {
        return requestApproval(tx, { ...opts, target, action: "RESET_MFA", reason: opts.reason });
      }
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
      return { ok: true, counts };
    }),
  );
}
