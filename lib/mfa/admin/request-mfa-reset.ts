// B3 "Require a second administrator to approve MFA resets of administrators": the first admin's
// Reset MFA becomes a request; nothing is removed until another admin approves it.
import { recordEvent } from "@/lib/activity/record-event";
import { fail, type Result } from "@/lib/errors";
import type { AdminActionOptions } from "./admin-action";

export async function requestMfaReset(
  opts: AdminActionOptions & { actorId: string; target: { id: string; username: string }; reason: string },
): Promise<Result<{ pendingApproval: true }>> {
  return opts.orgDb.$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM users WHERE id = ${opts.target.id}::uuid AND org_id = ${opts.orgId}::uuid FOR UPDATE`;
    if (await tx.mfaResetApproval.count({ where: { targetUserId: opts.target.id, status: "PENDING" } })) return fail("RESET_ALREADY_REQUESTED");
    const request = await tx.mfaResetApproval.create({
      data: { orgId: opts.orgId, targetUserId: opts.target.id, requestedById: opts.actorId, reason: opts.reason.trim() },
    });
    await recordEvent(tx, {
      orgId: opts.orgId,
      userId: opts.target.id,
      username: opts.target.username,
      actorId: opts.actorId,
      activity: "MFA_RESET_REQUESTED",
      status: "PENDING",
      context: opts.context,
      detail: { requestId: request.id, reason: opts.reason.trim() },
    });
    return { ok: true as const, pendingApproval: true as const };
  });
}
