// B3: another administrator approves (the reset happens now) or denies a pending MFA reset of an
// administrator. Neither the requester nor the target may decide. The decision is taken with a
// conditional update, so two admins deciding at once cannot both win.
import { recordEvent } from "@/lib/activity/record-event";
import { fail, type Result } from "@/lib/errors";
import type { OrgDb } from "@/lib/db/tenant";
import type { RequestContext } from "@/lib/activity/record-event";
import { resetUserMfa } from "./reset-mfa";

export async function decideMfaReset(opts: {
  orgDb: OrgDb;
  orgId: string;
  actorId: string;
  requestId: string;
  approve: boolean;
  context: RequestContext;
  nowMs?: number;
}): Promise<Result> {
  const nowMs = opts.nowMs ?? Date.now();
  const request = await opts.orgDb.mfaResetApproval.findUnique({ where: { id: opts.requestId }, include: { target: true } });
  if (!request || request.status !== "PENDING") return fail("RESET_REQUEST_NOT_FOUND");
  if (request.requestedById === opts.actorId || request.targetUserId === opts.actorId) return fail("SECOND_ADMIN_REQUIRED");
  return opts.orgDb.$transaction(async (tx) => {
    const decided = await tx.mfaResetApproval.updateMany({
      where: { id: request.id, status: "PENDING" },
      data: { status: opts.approve ? "APPROVED" : "DENIED", decidedById: opts.actorId, decidedAt: new Date(nowMs) },
    });
    if (decided.count !== 1) return fail("RESET_REQUEST_NOT_FOUND");
    const counts = opts.approve ? await resetUserMfa(tx, { orgId: opts.orgId, userId: request.targetUserId, actorId: opts.actorId, nowMs }) : null;
    await recordEvent(tx, {
      orgId: opts.orgId,
      userId: request.targetUserId,
      username: request.target.username,
      actorId: opts.actorId,
      activity: opts.approve ? "MFA_RESET" : "MFA_RESET_DECIDED",
      status: "SUCCEEDED",
      context: opts.context,
      detail: { requestId: request.id, decision: opts.approve ? "approved" : "denied", requestedById: request.requestedById, reason: request.reason, ...(counts ?? {}) },
    });
    return { ok: true as const };
  });
}
