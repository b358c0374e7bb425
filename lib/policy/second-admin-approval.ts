// B3 "Require a second administrator to approve MFA resets of administrators", as one rule for
// every way around an administrator's factors — the actions marked `secondAdminApproval` in
// lib/policy/actions.ts: Generate temporary code, Disconnect, Reset MFA, bulk reset, the same
// through the break-glass CLI and the API. While the org's policy is on, each of them done to an
// administrator becomes a request that another administrator approves (lib/mfa/admin/
// request-approval.ts, decide-approval.ts).
//
// Who counts as an administrator: whoever holds MANAGE_USERS or MANAGE_MFA now, has a request
// pending, or lost those rights within ADMIN_DEMOTION_APPROVAL_DAYS — so demote, act at once and
// promote back is no way around it. Called inside the action's transaction, after the target's
// row is locked, so a profile change racing the action is seen either wholly before or after.
import type { Permission } from "@db/generated";
import type { AnyTx } from "@/lib/db/tenant";
import { effectivePermissions } from "@/lib/users/permissions";
import { policyOf, type Action } from "./actions";

export const ADMIN_DEMOTION_APPROVAL_DAYS = 7;
const DAY_MS = 86_400_000;

/** Holds user or MFA administration: the accounts whose factors the policy protects. */
export function holdsAdministration(user: { extraPermissions: Permission[]; profile: { permissions: Permission[] } }): boolean {
  const granted = effectivePermissions(user);
  return granted.has("MANAGE_USERS") || granted.has("MANAGE_MFA");
}

export async function needsSecondAdminApproval(tx: AnyTx, opts: { orgId: string; action: Action; targetUserId: string; nowMs: number }): Promise<boolean> {
  if (!policyOf(opts.action).secondAdminApproval) return false;
  const settings = await tx.orgSettings.findUnique({ where: { orgId: opts.orgId }, select: { requireSecondAdminForAdminReset: true } });
  if (!settings?.requireSecondAdminForAdminReset) return false;
  const target = await tx.user.findUnique({ where: { id: opts.targetUserId }, include: { profile: true } });
  if (!target) return false;
  if (holdsAdministration(target)) return true;
  if (target.adminRightsRemovedAt && target.adminRightsRemovedAt.getTime() > opts.nowMs - ADMIN_DEMOTION_APPROVAL_DAYS * DAY_MS) return true;
  return (await tx.mfaResetApproval.count({ where: { targetUserId: target.id, status: "PENDING" } })) > 0;
}
