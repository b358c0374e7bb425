// One event for the detail view. Ids are global sequence numbers, so the tenant-scoped client is
// what makes another org's id find nothing (a 404, the same as an id that never existed).
import type { OrgDb } from "@/lib/db/tenant";
import { EVENT_SELECT, toEventRow, type EventRow } from "./event-row";

export const EVENT_ID_PATTERN = /^\d{1,18}$/;

export async function getEvent(orgDb: OrgDb, opts: { eventId: string }): Promise<EventRow | null> {
  if (!EVENT_ID_PATTERN.test(opts.eventId)) return null;
  const found = await orgDb.verificationEvent.findFirst({ where: { id: BigInt(opts.eventId) }, select: EVENT_SELECT });
  return found ? toEventRow(found) : null;
}
