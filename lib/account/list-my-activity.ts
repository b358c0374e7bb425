// "My security" recent activity (SPEC B7): the user's own latest verification events.
import type { ActivityKind, EventStatus, VerificationMethod } from "@db/generated";
import type { OrgDb } from "@/lib/db/tenant";

export const MY_ACTIVITY_LIMIT = 20;

export interface MyActivity {
  id: string;
  occurredAt: Date;
  activity: ActivityKind;
  method: VerificationMethod | null;
  status: EventStatus;
  ip: string | null;
  /** Set when an administrator (or the operator CLI) did it, not the user. */
  byAdmin: boolean;
}

export async function listMyActivity(orgDb: OrgDb, opts: { userId: string; limit?: number }): Promise<MyActivity[]> {
  const rows = await orgDb.verificationEvent.findMany({
    where: { userId: opts.userId },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take: opts.limit ?? MY_ACTIVITY_LIMIT,
  });
  return rows.map((e) => ({
    id: e.id.toString(),
    occurredAt: e.occurredAt,
    activity: e.activity,
    method: e.method,
    status: e.status,
    ip: e.ip,
    byAdmin: (e.actorId !== null && e.actorId !== opts.userId) || e.actorLabel !== null,
  }));
}
