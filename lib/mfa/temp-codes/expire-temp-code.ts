// A4 "Expire Now": ends the user's active temporary code at once; their former methods apply
// again at the next login. The change and its event commit together (A10).
import type { OrgDb } from "@/lib/db/tenant";
import { recordEvent, type RequestContext } from "@/lib/activity/record-event";
import { fail, type Result } from "@/lib/errors";
import { activeTempCodeWhere } from "./active-temp-code";

export async function expireTempCode(opts: {
  orgDb: OrgDb;
  orgId: string;
  actor: { id: string | null; label?: string };
  targetUserId: string;
  context: RequestContext;
  nowMs?: number;
}): Promise<Result> {
  const nowMs = opts.nowMs ?? Date.now();
  const target = await opts.orgDb.user.findUnique({ where: { id: opts.targetUserId } });
  if (!target) return fail("NOT_FOUND");
  return opts.orgDb.$transaction(async (tx) => {
    const { count } = await tx.tempCode.updateMany({
      where: { userId: target.id, ...activeTempCodeWhere(nowMs) },
      data: { expiredAt: new Date(nowMs), expiredById: opts.actor.id },
    });
    if (count === 0) return fail("NO_ACTIVE_TEMP_CODE");
    await recordEvent(tx, {
      orgId: opts.orgId,
      userId: target.id,
      username: target.username,
      actorId: opts.actor.id,
      actorLabel: opts.actor.label ?? null,
      activity: "TEMP_CODE_EXPIRED",
      method: "TEMP_CODE",
      status: "SUCCEEDED",
      context: opts.context,
    });
    return { ok: true as const };
  });
}
