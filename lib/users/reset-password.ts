// W2 "Reset password": the user's password stops working at once, every session and login in
// progress ends, and a new activation link (W1) is issued for the admin to hand over — one
// transaction, one event. The user's verification methods stay: the link replaces only the
// password, so whoever holds it still has to pass the user's second factor. Done to an
// administrator while the org asks for it (B3), it becomes a request for a second administrator.
import type { AnyTx } from "@/lib/db/tenant";
import { lockUserRow } from "@/lib/db/lock-user";
import { retryOnDeadlock } from "@/lib/db/retry";
import { recordEvent } from "@/lib/activity/record-event";
import type { Result } from "@/lib/errors";
import { needsSecondAdminApproval } from "@/lib/policy/second-admin-approval";
import { loadTarget, type AdminActionOptions, type AdminActor } from "@/lib/mfa/admin/admin-action";
import { requestApproval } from "@/lib/mfa/admin/request-approval";
import { issueActivationLink, ACTIVATION_LINK_HOURS_DEFAULT, type IssuedLink } from "@/lib/activation/activation-link";

export type PasswordResetOutcome = { link: IssuedLink; sessionsRevoked: number; pendingApproval?: false } | { pendingApproval: true };

/** The reset itself, for callers that hold a transaction and the user's row lock (also an approval). */
export async function resetUserPassword(
  tx: AnyTx,
  opts: { orgId: string; userId: string; actor: AdminActor; nowMs: number },
): Promise<{ link: IssuedLink; sessionsRevoked: number }> {
  const now = new Date(opts.nowMs);
  await tx.user.update({ where: { orgId_id: { orgId: opts.orgId, id: opts.userId } }, data: { passwordHash: "" } });
  const sessions = await tx.session.updateMany({
    where: { orgId: opts.orgId, userId: opts.userId, revokedAt: null },
    data: { revokedAt: now, revokedReason: "password-reset" },
  });
  await tx.pendingLogin.updateMany({ where: { orgId: opts.orgId, userId: opts.userId, consumedAt: null }, data: { consumedAt: now } });
  const settings = await tx.orgSettings.findUnique({ where: { orgId: opts.orgId }, select: { activationLinkHours: true } });
  const link = await issueActivationLink(tx, {
    orgId: opts.orgId,
    userId: opts.userId,
    purpose: "PASSWORD_RESET",
    actor: opts.actor,
    validHours: settings?.activationLinkHours ?? ACTIVATION_LINK_HOURS_DEFAULT,
    nowMs: opts.nowMs,
  });
  return { link, sessionsRevoked: sessions.count };
}

export async function resetPassword(opts: AdminActionOptions & { reason: string }): Promise<Result<PasswordResetOutcome>> {
  const nowMs = opts.nowMs ?? Date.now();
  const loaded = await loadTarget(opts, opts.reason);
  if ("failure" in loaded) return loaded.failure;
  const { target } = loaded;
  return retryOnDeadlock(() =>
    opts.orgDb.$transaction(async (tx): Promise<Result<PasswordResetOutcome>> => {
      await lockUserRow(tx, target);
      if (await needsSecondAdminApproval(tx, { orgId: opts.orgId, action: "password.reset", targetUserId: target.id, nowMs })) {
        return requestApproval(tx, { ...opts, target, action: "RESET_PASSWORD", reason: opts.reason });
      }
      const done = await resetUserPassword(tx, { orgId: opts.orgId, userId: target.id, actor: opts.actor, nowMs });
      await recordEvent(tx, {
        orgId: opts.orgId,
        userId: target.id,
        username: target.username,
        actorId: opts.actor.id,
        actorLabel: opts.actor.label ?? null,
        activity: "PASSWORD_RESET",
        status: "SUCCEEDED",
        context: opts.context,
        detail: { reason: opts.reason.trim(), sessionsRevoked: done.sessionsRevoked, linkExpiresAt: done.link.expiresAt.toISOString() },
      });
      return { ok: true, ...done };
    }),
  );
}
