// The detail of a page of events as sentences, with the users it names read in one query for the
// whole page. The client is tenant-scoped: an id of another org's user finds nothing and reads as
// "Unknown user", as a deleted or made-up one does — a name never crosses orgs.
import type { OrgDb } from "@/lib/db/tenant";
import { describeDetail, detailUserIds, type DetailPart, type DetailUsers } from "./describe-detail";
import type { EventRow } from "./event-row";

export type DescribedEventRow = EventRow & { detailParts: DetailPart[] };

export async function detailUserNames(orgDb: OrgDb, details: EventRow["detail"][]): Promise<DetailUsers> {
  const ids = [...new Set(details.flatMap((d) => detailUserIds(d)))];
  if (ids.length === 0) return new Map();
  const users = await orgDb.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, username: true } });
  return new Map(users.map((u) => [u.id.toLowerCase(), { name: u.name, username: u.username }]));
}

export async function describeEvents(orgDb: OrgDb, rows: EventRow[]): Promise<DescribedEventRow[]> {
  const users = await detailUserNames(
    orgDb,
    rows.map((r) => r.detail),
  );
  return rows.map((r) => ({ ...r, detailParts: describeDetail({ activity: r.activity, detail: r.detail, users }) }));
}
