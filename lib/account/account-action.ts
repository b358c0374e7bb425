// What every "My security" change takes (SPEC B7): the caller's tenant-scoped client and the
// caller's own user, both from the session — never from the form — so a change can only ever
// touch the caller's own rows in the caller's org.
import type { OrgDb } from "@/lib/db/tenant";
import type { RequestContext } from "@/lib/activity/record-event";

export interface AccountActionOptions {
  orgDb: OrgDb;
  me: { id: string; orgId: string; username: string };
  context: RequestContext;
  nowMs?: number;
}

/**
 * The fields every event of a self-service change carries. No actor: that column names the
 * administrator (or operator) who acted on someone else (V1); here the user acted on themselves.
 */
export function selfEvent(opts: AccountActionOptions) {
  return { orgId: opts.me.orgId, userId: opts.me.id, username: opts.me.username, context: opts.context };
}
