// Ends every session of a user (lost device, A7; also bulk B4). Each session ends on its next
// request (L9). One event for the action, with the count — and none when there was nothing to end
// (no session, no login in progress): a no-op is not "Sessions revoked" in the history (B4).
import { recordEvent } from "@/lib/activity/record-event";
import type { Result } from "@/lib/errors";
import { loadTarget, type AdminActionOptions } from "@/lib/mfa/admin/admin-action";
import { lockUserRow } from "@/lib/db/lock-user";
import { retryOnDeadlock } from "@/lib/db/retry";

export async function revokeUserSessions(opts: AdminActionOptions): Promise<Result<{ revoked: number }>> {
  const loaded = await loadTarget(opts);
  if ("failure" in loaded) return loaded.failure;
  const { target } = loaded;
  const now = new Date(opts.nowMs ?? Date.now());
  return retryOnDeadlock(() =>
    opts.orgDb.$transaction(async (tx) => {
      // The user row first (lib/db/lock-user.ts): a login completing now waits, or is voided.
      await lockUserRow(tx, target);
      const { count } = await tx.session.updateMany({
        where: { userId: target.id, revokedAt: null },
        data: { revokedAt: now, revokedReason: "revoked-by-admin" },
      });
      // Nor may a login in progress finish into a new session.
      const pending = await tx.pendingLogin.updateMany({ where: { userId: target.id, consumedAt: null }, data: { consumedAt: now } });
      if (count === 0 && pending.count === 0) return { ok: true as const, revoked: 0 };
      await recordEvent(tx, {
        orgId: opts.orgId,
        userId: target.id,
        username: target.username,
        actorId: opts.actor.id,
        actorLabel: opts.actor.label ?? null,
        activity: "SESSION_REVOKED",
        status: "SUCCEEDED",
        context: opts.context,
        detail: { sessions: count },
      });
      return { ok: true as const, revoked: count };
    }),
  );
}
