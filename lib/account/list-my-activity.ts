// "My security" recent activity (SPEC B7): the user's own latest verification events.
import type { OrgDb } from "@/lib/db/tenant";
import { toRecentActivity, type RecentActivity } from "@/lib/activity/recent-activity";

export const MY_ACTIVITY_LIMIT = 20;

export type MyActivity = RecentActivity;

export async function listMyActivity(orgDb: OrgDb, opts: { userId: string; limit?: number }): Promise<MyActivity[]> {
  const rows = await orgDb.verificationEvent.findMany({
    where: { userId: opts.userId },
    orderBy: [{ occurredAt: "desc" }, { id: "desc" }],
    take: opts.limit ?? MY_ACTIVITY_LIMIT,
  });
  return rows.map((e) => toRecentActivity(e, opts));
}
