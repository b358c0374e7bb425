// B3: instead of acting on an administrator, ask a second administrator (the rule:
// lib/policy/second-admin-approval.ts). Nothing is removed or issued until another administrator
// approves (decide-approval.ts). One request per user at a time; the request and its event
// commit in the caller's transaction, which holds the target's row lock (lib/db/lock-user.ts).
import type { ApprovalAction, Prisma } from "@db/generated";
import type { OrgTx } from "@/lib/db/tenant";
import { recordEvent, type RequestContext } from "@/lib/activity/record-event";
import { fail, type Result } from "@/lib/errors";
import type { AdminActor } from "./admin-action";

export async function requestApproval(
  tx: OrgTx,
  opts: {
    orgId: string;
    actor: AdminActor;
    target: { id: string; username: string };
    action: ApprovalAction;
    params?: Prisma.InputJsonObject;
    reason: string;
    context: RequestContext;
  },
): Promise<Result<{ pendingApproval: true }>> {
  if (await tx.mfaResetApproval.count({ where: { targetUserId: opts.target.id, status: "PENDING" } })) return fail("RESET_ALREADY_REQUESTED");
  const request = await tx.mfaResetApproval.create({
    data: {
      orgId: opts.orgId,
      targetUserId: opts.target.id,
      action: opts.action,
      params: opts.params,
      requestedById: opts.actor.id,
      requestedByLabel: opts.actor.label ?? null,
      reason: opts.reason.trim(),
    },
  });
  await recordEvent(tx, {
    orgId: opts.orgId,
    userId: opts.target.id,
    username: opts.target.username,
    actorId: opts.actor.id,
    actorLabel: opts.actor.label ?? null,
    activity: "MFA_RESET_REQUESTED",
    status: "PENDING",
    context: opts.context,
    detail: { requestId: request.id, action: opts.action, reason: opts.reason.trim(), ...(opts.params ?? {}) },
  });
  return { ok: true, pendingApproval: true };
}
