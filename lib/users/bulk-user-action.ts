// B4: Reset MFA, Reset password (W2), Expire temporary codes or Revoke sessions for several users at once. Each user
// is its own transaction with its own event (one user's refusal does not undo the others), and
// the answer lists the result per user.
import type { OrgDb } from "@/lib/db/tenant";
import type { RequestContext } from "@/lib/activity/record-event";
import { errorMessage, type Result } from "@/lib/errors";
import { resetMfa } from "@/lib/mfa/admin/reset-mfa";
import { expireTempCode } from "@/lib/mfa/temp-codes/expire-temp-code";
import type { AdminActor } from "@/lib/mfa/admin/admin-action";
import { revokeUserSessions } from "./revoke-user-sessions";
import { resetPassword } from "./reset-password";

export const BULK_ACTIONS = ["reset-mfa", "reset-password", "expire-temp-codes", "revoke-sessions"] as const;
/** The bulk actions that ask for a reason, kept in each user's event. */
export const BULK_ACTIONS_WITH_REASON: readonly BulkAction[] = ["reset-mfa", "reset-password"];
export type BulkAction = (typeof BULK_ACTIONS)[number];
export const BULK_MAX_USERS = 100;

export interface BulkResult {
  userId: string;
  name: string;
  ok: boolean;
  message: string;
  /** Reset password: the user's new activation link, shown once in the results. */
  activationLink?: { url: string; expiresAt: string };
}

const DONE: Record<BulkAction, string> = {
  "reset-mfa": "MFA reset",
  "reset-password": "Password reset: give them this activation link",
  "expire-temp-codes": "Temporary code expired",
  "revoke-sessions": "Sessions revoked",
};

export async function bulkUserAction(opts: {
  orgDb: OrgDb;
  orgId: string;
  actor: AdminActor;
  action: BulkAction;
  userIds: string[];
  reason: string;
  context: RequestContext;
}): Promise<BulkResult[]> {
  const ids = [...new Set(opts.userIds)].slice(0, BULK_MAX_USERS);
  // Only users of the caller's org are found; any other id is reported as not found.
  const users = await opts.orgDb.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  const names = new Map(users.map((u) => [u.id, u.name]));
  const results: BulkResult[] = [];
  for (const userId of ids) {
    const base = { orgDb: opts.orgDb, orgId: opts.orgId, actor: opts.actor, targetUserId: userId, context: opts.context };
    let result: Result;
    let done = DONE[opts.action];
    let activationLink: BulkResult["activationLink"];
    if (opts.action === "reset-mfa") {
      const reset = await resetMfa({ ...base, reason: opts.reason });
      if (reset.ok && reset.pendingApproval) done = "Reset requested: waiting for a second administrator";
      result = reset;
    } else if (opts.action === "reset-password") {
      const reset = await resetPassword({ ...base, reason: opts.reason });
      if (reset.ok && reset.pendingApproval) done = "Reset requested: waiting for a second administrator";
      if (reset.ok && !reset.pendingApproval) activationLink = { url: reset.link.url, expiresAt: reset.link.expiresAt.toISOString() };
      result = reset;
    } else if (opts.action === "expire-temp-codes") result = await expireTempCode(base);
    else {
      const revoked = await revokeUserSessions(base);
      if (revoked.ok && revoked.revoked === 0) done = "No active sessions: nothing to revoke";
      result = revoked;
    }
    results.push({
      userId,
      name: names.get(userId) ?? "Unknown user",
      ok: result.ok,
      message: result.ok ? done : errorMessage(result.code),
      ...(activationLink ? { activationLink } : {}),
    });
  }
  return results;
}
