// B6/L8: an admin lifts a lockout before its time runs out ("Unlock"), as an event.
import { recordEvent } from "@/lib/activity/record-event";
import { fail, type Result } from "@/lib/errors";
import { loadTarget, type AdminActionOptions } from "@/lib/mfa/admin/admin-action";

export async function unlockUser(opts: AdminActionOptions): Promise<Result> {
  const nowMs = opts.nowMs ?? Date.now();
  const loaded = await loadTarget(opts);
  if ("failure" in loaded) return loaded.failure;
  const { target } = loaded;
  return opts.orgDb.$transaction(async (tx) => {
    const { count } = await tx.user.updateMany({
      where: { id: target.id, lockedUntil: { gt: new Date(nowMs) } },
      data: { lockedUntil: null, failedAttempts: 0 },
    });
    if (count === 0) return fail("NOT_LOCKED");
    await recordEvent(tx, {
      orgId: opts.orgId,
      userId: target.id,
      username: target.username,
      actorId: opts.actor.id,
      actorLabel: opts.actor.label ?? null,
      activity: "UNLOCK",
      status: "SUCCEEDED",
      context: opts.context,
    });
    return { ok: true as const };
  });
}
