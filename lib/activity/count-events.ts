// The history's result count (issue 12): exact up to EVENTS_COUNT_CAP, then "10,000+". Counting
// stops at the cap — COUNT(*) over a LIMIT subquery walks the same index as the page — so a
// million-event org pays for 10,001 index entries at most, never for the whole history
// (`npm run bench:activity-log` times it beside the page).
import type { OrgDb } from "@/lib/db/tenant";
import { eventFiltersWhere, type EventFilters } from "./event-filters";

export const EVENTS_COUNT_CAP = 10_000;

export interface EventCount {
  count: number;
  /** More than `count` events match: shown as "10,000+". */
  atLeast: boolean;
}

export async function countEvents(orgDb: OrgDb, opts: { filters?: EventFilters } = {}): Promise<EventCount> {
  const found = await orgDb.verificationEvent.count({ where: eventFiltersWhere(opts.filters ?? {}), take: EVENTS_COUNT_CAP + 1 });
  return found > EVENTS_COUNT_CAP ? { count: EVENTS_COUNT_CAP, atLeast: true } : { count: found, atLeast: false };
}

export function eventCountText({ count, atLeast }: EventCount): string {
  return `${count.toLocaleString("en-US")}${atLeast ? "+" : ""} ${count === 1 && !atLeast ? "event" : "events"}`;
}
