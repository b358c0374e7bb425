// A8 "Deactivate" / "Reactivate". Deactivation revokes every session and expires the temporary
// code in the same transaction, so a deactivated user is out at their next click.
import { recordEvent } from "@/lib/activity/record-event";
import { fail, type Result } from "@/lib/errors";
import { activeTempCodeWhere } from "@/lib/mfa/temp-codes/active-temp-code";
import { loadTarget, type AdminActionOptions } from "@/lib/mfa/admin/admin-action";
import { lockUserRow } from "@/lib/db/lock-user";
import { retryOnDeadlock } from "@/lib/db/retry";

export async function setUserActive(opts: AdminActionOptions & { active: boolean }): Promise<Result> {
  const nowMs = opts.nowMs ?? Date.now();
  const loaded = await loadTarget(opts);
  if ("failure" in loaded) return loaded.failure;
  const { target } = loaded;
  if (target.isActive === opts.active) return fail(opts.active ? "ALREADY_ACTIVE" : "ALREADY_INACTIVE");
  return retryOnDeadlock(() =>
    opts.orgDb.$transaction(async (tx) => {
      await lockUserRow(tx, target);
      await tx.user.update({ where: { id: target.id }, data: { isActive: opts.active } });
      let detail = {};
      if (!opts.active) {
        const now = new Date(nowMs);
        const sessions = await tx.session.updateMany({ where: { userId: target.id, revokedAt: null }, data: { revokedAt: now, revokedReason: "deactivated" } });
        await tx.pendingLogin.updateMany({ where: { userId: target.id, consumedAt: null }, data: { consumedAt: now } });
        const codes = await tx.tempCode.updateMany({
          where: { userId: target.id, ...activeTempCodeWhere(nowMs) },
          data: { expiredAt: now, expiredById: opts.actor.id },
        });
        detail = { sessionsRevoked: sessions.count, tempCodesExpired: codes.count };
      }
      await recordEvent(tx, {
        orgId: opts.orgId,
        userId: target.id,
        username: target.username,
        actorId: opts.actor.id,
        actorLabel: opts.actor.label ?? null,
        activity: opts.active ? "USER_REACTIVATED" : "USER_DEACTIVATED",
        status: "SUCCEEDED",
        context: opts.context,
        detail,
      });
      return { ok: true as const };
    }),
  );
}
