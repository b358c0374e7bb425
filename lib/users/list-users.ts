// Setup > Users list (SPEC A1): the caller's org only (the client is tenant-scoped), ordered by
// name then id, keyset-paginated so page 4,000 costs what page 1 costs.
import { Prisma } from "@db/generated";
import type { OrgDb, OrgTx } from "@/lib/db/tenant";
import { USERS_COUNT_CAP, USERS_PAGE_SIZE } from "@/lib/config";
import { userFiltersWhere, type UserFilters } from "./user-filters";
import { activeTempCodeSql } from "@/lib/mfa/temp-codes/active-temp-code";
import { isPlainText } from "@/lib/api/text";

export interface UserListRow {
  id: string;
  name: string;
  username: string;
  profileName: string;
  isActive: boolean;
  totpCount: number;
  webauthnCount: number;
  tempCodeActive: boolean;
  lockedUntil: Date | null;
}

export interface UserListPage {
  rows: UserListRow[];
  /** Users matching: exact up to SEARCH_COUNT_CAP for a search, USERS_COUNT_CAP otherwise; past it `totalCapped` is set. */
  total: number;
  /** More than `total` users match: show "10,000+", not an exact figure. */
  totalCapped: boolean;
  /** Opaque cursors for the next and previous pages; null at either end. */
  next: string | null;
  prev: string | null;
}

type Cursor = { name: string; id: string };

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.name, c.id])).toString("base64url");
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const [name, id] = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    // A cursor comes back from the browser: hostile until shown otherwise (a NUL in the name or a
    // malformed id would reach Postgres and fail there).
    const valid = typeof name === "string" && name.length <= 200 && isPlainText(name) && typeof id === "string" && UUID.test(id);
    return valid ? { name, id } : null;
  } catch {
    return null;
  }
}

export async function listUsers(
  orgDb: OrgDb,
  opts: {
    after?: string;
    before?: string;
    pageSize?: number;
    filters?: UserFilters;
    nowMs?: number;
    countCap?: number;
    /** false: no total (the REST API pages by cursor and shows none); the count is not run. */
    withTotal?: boolean;
  } = {},
): Promise<UserListPage> {
  const pageSize = opts.pageSize ?? USERS_PAGE_SIZE;
  const countCap = opts.countCap ?? USERS_COUNT_CAP;
  const nowMs = opts.nowMs ?? Date.now();
  const filtered = userFiltersWhere(opts.filters ?? {}, nowMs);
  const after = decodeCursor(opts.after);
  const before = after ? null : decodeCursor(opts.before);
  const backwards = before !== null;
  const at = after ?? before;
  const cmp = backwards ? "lt" : "gt";
  // The plain `name >= x` bound lets Postgres start the index scan at the cursor; the OR alone
  // would make it walk every earlier row.
  const keyset: Prisma.UserWhereInput = at
    ? {
        name: { [backwards ? "lte" : "gte"]: at.name },
        OR: [{ name: { [cmp]: at.name } }, { name: at.name, id: { [cmp]: at.id } }],
      }
    : {};
  const where: Prisma.UserWhereInput = { AND: [filtered, keyset] };
  const dir = backwards ? "desc" : "asc";

  const search = opts.filters?.q ?? "";
  const pageArgs = { where, orderBy: [{ name: dir }, { id: dir }], take: pageSize + 1 } satisfies Prisma.UserFindManyArgs;
  const [found, counted] = await Promise.all([
    (search ? findSearchPageIds(orgDb, pageArgs) : orgDb.user.findMany({ ...pageArgs, select: { id: true } })).then((ids) => pageRows(orgDb, ids.map((u) => u.id), nowMs)),
    opts.withTotal === false ? { total: 0, capped: false } : search ? countSearch(orgDb, filtered) : countUsers(orgDb, filtered, countCap),
  ]);

  const hasMore = found.length > pageSize;
  const page = found.slice(0, pageSize);
  if (backwards) page.reverse();
  const rows = page.map((u) => ({
    id: u.id,
    name: u.name,
    username: u.username,
    profileName: u.profileName,
    isActive: u.isActive,
    totpCount: u.totpCount,
    webauthnCount: u.webauthnCount,
    tempCodeActive: u.tempCodeActive,
    lockedUntil: u.lockedUntil && u.lockedUntil.getTime() > nowMs ? u.lockedUntil : null,
  }));
  const first = rows[0];
  const last = rows.at(-1);
  return {
    rows,
    total: counted.total,
    totalCapped: counted.capped,
    next: last && (backwards || hasMore) ? encodeCursor(last) : null,
    prev: first && (backwards ? hasMore : at !== null) ? encodeCursor(first) : null,
  };
}

/** How long a search may walk the name or id index before the trigram path takes over. */
const SEARCH_WALK_BUDGET_MS = 15;
/** A search counts exactly up to this many matches, then says "1,000+". */
export const SEARCH_COUNT_CAP = 1_000;

/**
 * A search's count: a walk along the id index that stops at SEARCH_COUNT_CAP matches — fast when
 * matches are dense, where an exact count would read every one of them (77 ms for a term everyone
 * matches) — and, when the walk runs out of budget because matches are sparse, the exact count
 * from the trigram indexes, whose cost follows the few matches there are.
 */
async function countSearch(orgDb: OrgDb, where: Prisma.UserWhereInput): Promise<{ total: number; capped: boolean }> {
  const walked = await withinBudget(orgDb, SEARCH_WALK_BUDGET_MS, (tx) => tx.user.count({ where, take: SEARCH_COUNT_CAP + 1 }));
  if (walked !== null) return { total: Math.min(walked, SEARCH_COUNT_CAP), capped: walked > SEARCH_COUNT_CAP };
  return { total: await orgDb.user.count({ where }), capped: false };
}

/** The query's result, or null when Postgres cancelled it past `budgetMs` (in its own transaction, so nothing else is cancelled). */
async function withinBudget<T>(orgDb: OrgDb, budgetMs: number, run: (tx: OrgTx) => Promise<T>): Promise<T | null> {
  try {
    return await orgDb.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = ${Math.trunc(budgetMs)}`);
      return run(tx);
    });
  } catch (error) {
    if (cancelledByTimeout(error)) return null;
    throw error;
  }
}

function cancelledByTimeout(error: unknown): boolean {
  let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined;
  for (let depth = 0; e && depth < 5; depth++, e = e.cause as typeof e) {
    if (e.code === "57014" || (typeof e.message === "string" && e.message.includes("statement timeout"))) return true;
  }
  return false;
}

/**
 * Exact up to `cap`, then only "more than cap" (null: exact). Prisma orders a limited count by id,
 * so Postgres walks the (org_id, id) index, merges the MFA subqueries along it and stops at the
 * cap: cheap for status, profile and MFA filters however many users match. A search is counted
 * exactly instead: its trigram index already bounds the work to the matches, where the id walk
 * would test every row it passes (bench/users-list.ts has the plans of both).
 */
async function countUsers(orgDb: OrgDb, where: Prisma.UserWhereInput, cap: number | null): Promise<{ total: number; capped: boolean }> {
  if (cap === null) return { total: await orgDb.user.count({ where }), capped: false };
  // One past the cap tells "exactly the cap" from "more".
  const counted = await orgDb.user.count({ where, take: cap + 1 });
  return { total: Math.min(counted, cap), capped: counted > cap };
}

/**
 * The page's rows, profile names and method counts in one statement, for ids in page order. Not
 * `_count`: Prisma turns it into LEFT JOINs on GROUP BY aggregates over the whole org's factor
 * tables, which Postgres cannot limit to the page (≈ 150 ms at 100,000 users, bench/users-list.ts).
 * Not relation selects either: Prisma loads each relation with a query of its own, four round
 * trips a page where this is one (bench/api.ts). Each subquery is an index probe on user_id for
 * the page's ids only, which came from the tenant-scoped query above.
 */
async function pageRows(orgDb: OrgDb, ids: string[], nowMs: number) {
  if (ids.length === 0) return [];
  const rows = await orgDb.$queryRaw<
    { id: string; name: string; username: string; is_active: boolean; locked_until: Date | null; profile_name: string; totp: number; webauthn: number; temp_code: boolean }[]
  >`
    SELECT u.id, u.name, u.username, u.is_active, u.locked_until, p.name AS profile_name,
           (SELECT count(*)::int FROM totp_factors f WHERE f.user_id = u.id AND f.verified_at IS NOT NULL) AS totp,
           (SELECT count(*)::int FROM webauthn_credentials w WHERE w.user_id = u.id) AS webauthn,
           EXISTS (SELECT 1 FROM temp_codes c WHERE c.user_id = u.id AND ${activeTempCodeSql("c", nowMs)}) AS temp_code
    FROM users u JOIN profiles p ON p.id = u.profile_id
    WHERE u.id = ANY(${ids}::uuid[])`;
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r
      ? [{ id: r.id, name: r.name, username: r.username, isActive: r.is_active, lockedUntil: r.locked_until, profileName: r.profile_name, totpCount: r.totp, webauthnCount: r.webauthn, tempCodeActive: r.temp_code }]
      : [];
  });
}

/**
 * A search must not walk the name index. Postgres assumes matches are spread evenly through name
 * order and expects a page after a few rows, but "patricia" matches only names from P onward: it
 * read 70% of the org first (100–350 ms at 100,000 users, bench/users-list.ts). With plain index
 * scans off (SET LOCAL: this transaction only) it takes the matches from the trigram indexes and
 * sorts them, a cost that follows the number of matches. The rows are then read by id (pageRows) outside
 * the transaction: Prisma loads relations with concurrent queries, which one transaction's
 * connection would have to queue (pg warns that it will stop doing so).
 */
async function findSearchPageIds(orgDb: OrgDb, args: Pick<Prisma.UserFindManyArgs, "where" | "orderBy" | "take">): Promise<{ id: string }[]> {
  // A term most users match ("acme" in every username) finds its page at the start of the name
  // index at once, where the trigram path would fetch and sort every match (over 100 ms at
  // 100,000 users): the walk is tried first, for a few milliseconds only, and given up when the
  // matches are sparse or clustered late in name order.
  const walked = await withinBudget(orgDb, SEARCH_WALK_BUDGET_MS, (tx) => tx.user.findMany({ ...args, select: { id: true } }));
  if (walked) return walked;
  const [, ids] = await orgDb.$transaction([
    orgDb.$executeRaw`SET LOCAL enable_indexscan = off`,
    orgDb.user.findMany({ ...args, select: { id: true } }),
  ]);
  return ids;
}
