// B3: another administrator approves (the change happens now) or denies a pending request —
// a reset, a disconnect, or a temporary code, which is then issued to and shown to the approver.
// Neither the requester nor the target may decide. The decision is taken with a conditional
// update under the target's row lock, so two admins deciding at once cannot both win; an approval
// whose change can no longer be made (the method is gone, a code is active) changes nothing.
import { z } from "zod";
import { lockUserRow } from "@/lib/db/lock-user";
import { retryOnDeadlock } from "@/lib/db/retry";
import { recordEvent, type RequestContext } from "@/lib/activity/record-event";
import { fail, type Failure, type Result } from "@/lib/errors";
import type { OrgDb, OrgTx } from "@/lib/db/tenant";
import { issueTempCode, refuseTempCode } from "@/lib/mfa/temp-codes/generate-temp-code";
import { resetUserMfa } from "./reset-mfa";
import { removeMethod } from "./disconnect-method";
import { resetUserPassword } from "@/lib/users/reset-password";
import { APPROVAL_ACTIONS, permits } from "@/lib/policy/actions";
import type { IssuedLink } from "@/lib/activation/activation-link";
import type { Permission } from "@db/generated";

const methodParams = z.object({ type: z.enum(["TOTP", "WEBAUTHN"]), id: z.uuid() });
const tempCodeParams = z.object({ expiresInHours: z.number().int().min(1).max(24), maxUses: z.number().int().min(1).nullable() });

export type Decision = { decided: "denied" | "approved"; code?: string; expiresAt?: Date; activationLink?: IssuedLink };

export async function decideApproval(opts: {
  orgDb: OrgDb;
  orgId: string;
  actorId: string;
  /** The decider's permissions: a request is decided only by someone allowed its action. */
  deciderPermissions: ReadonlySet<Permission>;
  requestId: string;
  approve: boolean;
  context: RequestContext;
  nowMs?: number;
}): Promise<Result<Decision>> {
  const nowMs = opts.nowMs ?? Date.now();
  const request = await opts.orgDb.mfaResetApproval.findUnique({ where: { id: opts.requestId }, include: { target: true } });
  if (!request || request.status !== "PENDING") return fail("RESET_REQUEST_NOT_FOUND");
  if (request.requestedById === opts.actorId || request.targetUserId === opts.actorId) return fail("SECOND_ADMIN_REQUIRED");
  if (!permits(opts.deciderPermissions, APPROVAL_ACTIONS[request.action])) return fail("FORBIDDEN");
  return retryOnDeadlock(() =>
    opts.orgDb
      .$transaction(async (tx): Promise<Result<Decision>> => {
        await lockUserRow(tx, request.target);
        const decided = await tx.mfaResetApproval.updateMany({
          where: { id: request.id, status: "PENDING" },
          data: { status: opts.approve ? "APPROVED" : "DENIED", decidedById: opts.actorId, decidedAt: new Date(nowMs) },
        });
        if (decided.count !== 1) return fail("RESET_REQUEST_NOT_FOUND");
        const about = {
          requestId: request.id,
          action: request.action,
          requestedById: request.requestedById ?? request.requestedByLabel ?? "",
          reason: request.reason,
        };
        if (!opts.approve) {
          await recordEvent(tx, {
            orgId: opts.orgId,
            userId: request.targetUserId,
            username: request.target.username,
            actorId: opts.actorId,
            activity: "MFA_RESET_DECIDED",
            status: "SUCCEEDED",
            context: opts.context,
            detail: { ...about, decision: "denied" },
          });
          return { ok: true, decided: "denied" };
        }
        const applied = await applyApproved(tx, { ...opts, nowMs, request, about: { ...about, decision: "approved" } });
        // Roll the decision back with the refused change: the request stays for a Deny.
        if (!applied.ok) throw new ApprovalRefused(applied);
        return applied;
      })
      .catch((error: unknown) => {
        if (error instanceof ApprovalRefused) return error.failure;
        throw error;
      }),
  );
}

type PendingRequest = NonNullable<Awaited<ReturnType<OrgDb["mfaResetApproval"]["findUnique"]>>> & {
  target: { id: string; orgId: string; username: string; isActive: boolean };
};

async function applyApproved(
  tx: OrgTx,
  opts: { orgId: string; actorId: string; context: RequestContext; nowMs: number; request: PendingRequest; about: Record<string, string> },
): Promise<Result<Decision>> {
  const { request, about } = opts;
  const actor = { id: opts.actorId };
  const target = request.target;
  if (request.action === "DISCONNECT_METHOD") {
    const method = methodParams.safeParse(request.params);
    if (!method.success) return fail("METHOD_NOT_FOUND");
    const removed = await removeMethod(tx, {
      orgId: opts.orgId,
      actor,
      target,
      method: method.data,
      reason: request.reason,
      context: opts.context,
      detail: about,
    });
    return removed.ok ? { ok: true, decided: "approved" } : removed;
  }
  if (request.action === "TEMP_CODE") {
    const terms = tempCodeParams.safeParse(request.params);
    if (!terms.success) return fail("INVALID_INPUT");
    const refused = await refuseTempCode(tx, { target, nowMs: opts.nowMs });
    if (refused) return refused;
    const issued = await issueTempCode(tx, {
      ...terms.data,
      reason: request.reason,
      orgId: opts.orgId,
      actor,
      target,
      context: opts.context,
      nowMs: opts.nowMs,
      detail: about,
    });
    return { ok: true, decided: "approved", ...issued };
  }
  if (request.action === "RESET_PASSWORD") {
    // The new link is shown once, to the approver, who hands it to the user.
    const done = await resetUserPassword(tx, { orgId: opts.orgId, userId: target.id, actor, nowMs: opts.nowMs });
    await recordEvent(tx, {
      orgId: opts.orgId,
      userId: target.id,
      username: target.username,
      actorId: opts.actorId,
      activity: "PASSWORD_RESET",
      status: "SUCCEEDED",
      context: opts.context,
      detail: { ...about, sessionsRevoked: done.sessionsRevoked, linkExpiresAt: done.link.expiresAt.toISOString() },
    });
    return { ok: true, decided: "approved", activationLink: done.link };
  }
  const counts = await resetUserMfa(tx, { orgId: opts.orgId, userId: target.id, actorId: opts.actorId, nowMs: opts.nowMs });
  await recordEvent(tx, {
    orgId: opts.orgId,
    userId: target.id,
    username: target.username,
    actorId: opts.actorId,
    activity: "MFA_RESET",
    status: "SUCCEEDED",
    context: opts.context,
    detail: { ...about, ...counts },
  });
  return { ok: true, decided: "approved" };
}

class ApprovalRefused extends Error {
  constructor(readonly failure: Failure) {
    super(failure.code);
  }
}
