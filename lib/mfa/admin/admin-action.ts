// What every admin MFA action shares (SPEC A10, B3): the target must be in the caller's org (the
// scoped client finds nothing else), an admin cannot act on their own account, and a reason is
// required. Returns the target or the failure to answer with.
import type { OrgDb } from "@/lib/db/tenant";
import type { RequestContext } from "@/lib/activity/record-event";
import { fail, type Failure } from "@/lib/errors";

export interface AdminActor {
  id: string | null;
  /** For actors that are not users, e.g. "operator (CLI)". */
  label?: string;
}

export interface AdminActionOptions {
  orgDb: OrgDb;
  orgId: string;
  actor: AdminActor;
  targetUserId: string;
  context: RequestContext;
  nowMs?: number;
}

type Target = NonNullable<Awaited<ReturnType<typeof findTarget>>>;

function findTarget(opts: AdminActionOptions) {
  return opts.orgDb.user.findUnique({ where: { id: opts.targetUserId }, include: { profile: true } });
}

export async function loadTarget(opts: AdminActionOptions, reason?: string): Promise<{ failure: Failure } | { target: Target }> {
  if (opts.actor.id === opts.targetUserId) return { failure: fail("SELF_ACTION") };
  if (reason !== undefined && !reason.trim()) return { failure: fail("REASON_REQUIRED") };
  const target = await findTarget(opts);
  return target ? { target } : { failure: fail("NOT_FOUND") };
}
