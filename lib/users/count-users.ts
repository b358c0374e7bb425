// Setup > Users result count (issue 12, docs/decisions/008): "1,234 users", and past the cap only
// "10,000+ users" — the approach of lib/activity/count-events.ts. A limited count stops at the
// cap, so 100,000 users cost what 10,001 cost; the count never depends on the sort.
import type { Prisma } from "@db/generated";
import type { OrgDb } from "@/lib/db/tenant";
import { withinBudget } from "@/lib/db/within-budget";

/** A search counts exactly up to this many matches, then says "1,000+". */
export const SEARCH_COUNT_CAP = 1_000;
/** How long a search may walk the id index before the trigram path takes over. */
export const SEARCH_WALK_BUDGET_MS = 15;

export interface UserCount {
  total: number;
  /** More than `total` users match: shown as "10,000+". */
  capped: boolean;
}

export function userCountText({ total, capped }: UserCount): string {
  return `${total.toLocaleString("en-US")}${capped ? "+" : ""} ${total === 1 && !capped ? "user" : "users"}`;
}

/**
 * Exact up to `cap`, then only "more than cap" (null: exact). Prisma orders a limited count by id,
 * so Postgres walks the (org_id, id) index, merges the MFA subqueries along it and stops at the
 * cap: cheap for status, profile and MFA filters however many users match.
 */
export async function countUsers(orgDb: OrgDb, where: Prisma.UserWhereInput, cap: number | null): Promise<UserCount> {
  if (cap === null) return { total: await orgDb.user.count({ where }), capped: false };
  // One past the cap tells "exactly the cap" from "more".
  const counted = await orgDb.user.count({ where, take: cap + 1 });
  return { total: Math.min(counted, cap), capped: counted > cap };
}

/**
 * A search's count: a walk along the id index that stops at SEARCH_COUNT_CAP matches — fast when
 * matches are dense, where an exact count would read every one of them (77 ms for a term everyone
 * matches) — and, when the walk runs out of budget because matches are sparse, the exact count
 * from the trigram indexes, whose cost follows the few matches there are.
 */
export async function countSearch(orgDb: OrgDb, where: Prisma.UserWhereInput): Promise<UserCount> {
  const walked = await withinBudget(orgDb, SEARCH_WALK_BUDGET_MS, (tx) => tx.user.count({ where, take: SEARCH_COUNT_CAP + 1 }));
  if (walked !== null) return { total: Math.min(walked, SEARCH_COUNT_CAP), capped: walked > SEARCH_COUNT_CAP };
  return { total: await orgDb.user.count({ where }), capped: false };
}
