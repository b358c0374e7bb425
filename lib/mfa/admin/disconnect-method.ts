// A5 "Disconnect": removes one verification method of a user — one authenticator app or one
// security key, never all of them — with the reason kept in the event (B3). With none left and
// MFA required, the user registers again at the next login (L3). Done to an administrator while
// the org asks for it, it becomes a request for a second administrator (B3).
import type { AnyTx } from "@/lib/db/tenant";
import { lockUserRow } from "@/lib/db/lock-user";
import { retryOnDeadlock } from "@/lib/db/retry";
import { recordEvent, type RequestContext } from "@/lib/activity/record-event";
import { fail, type Result } from "@/lib/errors";
import { needsSecondAdminApproval } from "@/lib/policy/second-admin-approval";
import { loadTarget, type AdminActionOptions, type AdminActor } from "./admin-action";
import { requestApproval } from "./request-approval";

export interface MethodRef {
  type: "TOTP" | "WEBAUTHN";
  id: string;
}

export async function disconnectMethod(
  opts: AdminActionOptions & { method: MethodRef; reason: string },
): Promise<Result<{ name: string; pendingApproval?: true }>> {
  const nowMs = opts.nowMs ?? Date.now();
  const loaded = await loadTarget(opts, opts.reason);
  if ("failure" in loaded) return loaded.failure;
  const { target } = loaded;
  return retryOnDeadlock(() =>
    opts.orgDb.$transaction(async (tx): Promise<Result<{ name: string; pendingApproval?: true }>> => {
      await lockUserRow(tx, target);
      const found = await findMethod(tx, target.id, opts.method);
      if (!found) return fail("METHOD_NOT_FOUND");
      if (await needsSecondAdminApproval(tx, { orgId: opts.orgId, action: "method.disconnect", targetUserId: target.id, nowMs })) {
        const params = { type: opts.method.type, id: opts.method.id, name: found.name };
        const requested = await requestApproval(tx, { ...opts, target, action: "DISCONNECT_METHOD", params, reason: opts.reason });
        return requested.ok ? { ok: true, name: found.name, pendingApproval: true } : requested;
      }
      return removeMethod(tx, { ...opts, target, reason: opts.reason });
    }),
  );
}

function findMethod(tx: AnyTx, userId: string, method: MethodRef) {
  const where = { id: method.id, userId };
  return method.type === "TOTP" ? tx.totpFactor.findFirst({ where: { ...where, verifiedAt: { not: null } } }) : tx.webAuthnCredential.findFirst({ where });
}

/** The removal and its event, for callers holding the user's row lock (also an approved request). */
export async function removeMethod(
  tx: AnyTx,
  opts: {
    orgId: string;
    actor: AdminActor;
    target: { id: string; username: string };
    method: MethodRef;
    reason: string;
    context: RequestContext;
    detail?: Record<string, string>;
  },
): Promise<Result<{ name: string }>> {
  const found = await findMethod(tx, opts.target.id, opts.method);
  if (!found) return fail("METHOD_NOT_FOUND");
  const where = { id: opts.method.id, userId: opts.target.id };
  const { count } = opts.method.type === "TOTP" ? await tx.totpFactor.deleteMany({ where }) : await tx.webAuthnCredential.deleteMany({ where });
  if (count !== 1) return fail("METHOD_NOT_FOUND");
  await recordEvent(tx, {
    orgId: opts.orgId,
    userId: opts.target.id,
    username: opts.target.username,
    actorId: opts.actor.id,
    actorLabel: opts.actor.label ?? null,
    activity: "METHOD_DISCONNECTED",
    method: opts.method.type,
    status: "SUCCEEDED",
    context: opts.context,
    detail: { name: found.name, reason: opts.reason.trim(), ...opts.detail },
  });
  return { ok: true, name: found.name };
}
