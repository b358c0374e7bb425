// Setup > Users list (SPEC A1, issue 12): the caller's org only (the client is tenant-scoped),
// sorted by name, username, last login or created, either way, keyset-paginated on (sort value,
// id) so page 4,000 costs what page 1 costs. Each sort walks its own (org_id, column, id) index.
import type { Prisma } from "@db/generated";
import type { OrgDb } from "@/lib/db/tenant";
import { USERS_COUNT_CAP, USERS_PAGE_SIZE } from "@/lib/config";
import { userFiltersWhere, type UserFilters } from "./user-filters";
import { activeTempCodeSql } from "@/lib/mfa/temp-codes/active-temp-code";
import { withinBudget } from "@/lib/db/within-budget";
import { countSearch, countUsers, SEARCH_WALK_BUDGET_MS } from "./count-users";
import { DEFAULT_USER_SORT, USER_SORT_COLUMNS, type SortDir, type UserSort, type UserSortColumn } from "./user-sort";
import { decodeUserCursor, encodeUserCursor, type UserCursor } from "./user-cursor";

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
  lastLoginAt: Date | null;
  createdAt: Date;
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

/** A cursor of the default order (name, ascending): what the REST API and old links page by. */
export function encodeCursor(c: { name: string; id: string }, sort: UserSort = DEFAULT_USER_SORT): string {
  return encodeUserCursor(sort, { value: c.name, id: c.id });
}

export function decodeCursor(raw: string | undefined, sort: UserSort = DEFAULT_USER_SORT): UserCursor | null {
  const column = USER_SORT_COLUMNS[sort.sort];
  return decodeUserCursor(raw, sort, column.kind, column.nullable);
}

export async function listUsers(
  orgDb: OrgDb,
  opts: {
    after?: string;
    before?: string;
    pageSize?: number;
    filters?: UserFilters;
    sort?: UserSort;
    nowMs?: number;
    countCap?: number;
    /** false: no total (the REST API pages by cursor and shows none); the count is not run. */
    withTotal?: boolean;
  } = {},
): Promise<UserListPage> {
  const pageSize = opts.pageSize ?? USERS_PAGE_SIZE;
  const countCap = opts.countCap ?? USERS_COUNT_CAP;
  const nowMs = opts.nowMs ?? Date.now();
  const sort = opts.sort ?? DEFAULT_USER_SORT;
  const column = USER_SORT_COLUMNS[sort.sort];
  const filtered = userFiltersWhere(opts.filters ?? {}, nowMs);
  const after = decodeCursor(opts.after, sort);
  const before = after ? null : decodeCursor(opts.before, sort);
  const backwards = before !== null;
  const at = after ?? before;
  const search = opts.filters?.q ?? "";

  const [found, counted] = await Promise.all([
    findPageIds(orgDb, { column, dir: sort.dir, where: filtered, at, backwards, take: pageSize + 1, search: search !== "" }).then((ids) =>
      pageRows(orgDb, ids, nowMs),
    ),
    opts.withTotal === false ? { total: 0, capped: false } : search ? countSearch(orgDb, filtered) : countUsers(orgDb, filtered, countCap),
  ]);

  const hasMore = found.length > pageSize;
  const page = found.slice(0, pageSize);
  if (backwards) page.reverse();
  const rows = page.map((u) => ({ ...u, lockedUntil: u.lockedUntil && u.lockedUntil.getTime() > nowMs ? u.lockedUntil : null }));
  const cursorOf = (row: UserListRow) => encodeUserCursor(sort, { value: sortValue(row, column), id: row.id });
  const first = rows[0];
  const last = rows.at(-1);
  return {
    rows,
    total: counted.total,
    totalCapped: counted.capped,
    next: last && (backwards || hasMore) ? cursorOf(last) : null,
    prev: first && (backwards ? hasMore : at !== null) ? cursorOf(first) : null,
  };
}

function sortValue(row: UserListRow, column: UserSortColumn): string | null {
  const value = row[column.field];
  return value instanceof Date ? value.toISOString() : value;
}

/**
 * A nullable column is two runs in the order: the rows with a value, sorted, then the rows without
 * (never logged in), by id — last in either direction. Each run is its own index range scan on
 * (org_id, column, id): `column IS NULL ORDER BY id` is one too. A single ORDER BY … NULLS LAST
 * would need a second index per direction (a backward scan puts the nulls first).
 */
type Run = "set" | "null";

async function findPageIds(
  orgDb: OrgDb,
  q: { column: UserSortColumn; dir: SortDir; where: Prisma.UserWhereInput; at: UserCursor | null; backwards: boolean; take: number; search: boolean },
): Promise<string[]> {
  const { column } = q;
  const runs: Run[] = column.nullable ? ["set", "null"] : ["set"];
  if (q.backwards) runs.reverse();
  const startAt = q.at ? runs.indexOf(q.at.value === null ? "null" : "set") : 0;
  // Reading backwards is reading the opposite order forwards from the cursor.
  const scan: SortDir = q.backwards ? (q.dir === "asc" ? "desc" : "asc") : q.dir;
  const ids: string[] = [];
  for (const [i, run] of runs.slice(Math.max(startAt, 0)).entries()) {
    const bound = i === 0 ? q.at : null;
    const args = { where: { AND: [q.where, runWhere(column, run, scan, bound)] }, orderBy: runOrder(column, run, scan), take: q.take - ids.length };
    const found = q.search ? await findSearchPageIds(orgDb, args) : await orgDb.user.findMany({ ...args, select: { id: true } });
    ids.push(...found.map((u) => u.id));
    if (ids.length >= q.take) break;
  }
  return ids;
}

function runOrder(column: UserSortColumn, run: Run, scan: SortDir): Prisma.UserOrderByWithRelationInput[] {
  if (run === "null") return [{ id: scan }];
  return column.unique ? [{ [column.field]: scan }] : [{ [column.field]: scan }, { id: scan }];
}

/** The run's rows after `bound` in scan order (all of them without one). */
function runWhere(column: UserSortColumn, run: Run, scan: SortDir, bound: UserCursor | null): Prisma.UserWhereInput {
  const cmp = scan === "asc" ? "gt" : "lt";
  if (run === "null") return bound ? { [column.field]: null, id: { [cmp]: bound.id } } : { [column.field]: null };
  const present: Prisma.UserWhereInput = column.nullable ? { [column.field]: { not: null } } : {};
  if (!bound || bound.value === null) return present;
  const value = column.kind === "date" ? new Date(bound.value) : bound.value;
  if (column.unique) return { ...present, [column.field]: { [cmp]: value } };
  // The plain `column >= x` bound lets Postgres start the index scan at the cursor; the OR alone
  // would make it walk every earlier row.
  return {
    AND: [present, { [column.field]: { [scan === "asc" ? "gte" : "lte"]: value } }],
    OR: [{ [column.field]: { [cmp]: value } }, { [column.field]: value, id: { [cmp]: bound.id } }],
  };
}

/**
 * The page's rows, profile names and method counts in one statement, for ids in page order. Not
 * `_count`: Prisma turns it into LEFT JOINs on GROUP BY aggregates over the whole org's factor
 * tables, which Postgres cannot limit to the page (≈ 150 ms at 100,000 users, bench/users-list.ts).
 * Not relation selects either: Prisma loads each relation with a query of its own, four round
 * trips a page where this is one (bench/api.ts). Each subquery is an index probe on user_id for
 * the page's ids only, which came from the tenant-scoped query above. The temporary code is a
 * scalar subquery, not EXISTS: Postgres turns an EXISTS into a hashed subplan that reads every
 * active code of every org once per page (a sequential scan, 0.4–1.5 ms at 5,000 codes, growing
 * with the table) where 51 index probes cost a tenth of that.
 */
async function pageRows(orgDb: OrgDb, ids: string[], nowMs: number): Promise<UserListRow[]> {
  if (ids.length === 0) return [];
  const rows = await orgDb.$queryRaw<
    {
      id: string;
      name: string;
      username: string;
      is_active: boolean;
      locked_until: Date | null;
      last_login_at: Date | null;
      created_at: Date;
      profile_name: string;
      totp: number;
      webauthn: number;
      temp_code: boolean;
    }[]
  >`/* prepared */
    SELECT u.id, u.name, u.username, u.is_active, u.locked_until, u.last_login_at, u.created_at, p.name AS profile_name,
           (SELECT count(*)::int FROM totp_factors f WHERE f.user_id = u.id AND f.verified_at IS NOT NULL) AS totp,
           (SELECT count(*)::int FROM webauthn_credentials w WHERE w.user_id = u.id) AS webauthn,
           COALESCE((SELECT true FROM temp_codes c WHERE c.user_id = u.id AND ${activeTempCodeSql("c", nowMs)} LIMIT 1), false) AS temp_code
    FROM users u JOIN profiles p ON p.id = u.profile_id
    WHERE u.id = ANY(${ids}::uuid[])`;
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r
      ? [
          {
            id: r.id,
            name: r.name,
            username: r.username,
            isActive: r.is_active,
            lockedUntil: r.locked_until,
            lastLoginAt: r.last_login_at,
            createdAt: r.created_at,
            profileName: r.profile_name,
            totpCount: r.totp,
            webauthnCount: r.webauthn,
            tempCodeActive: r.temp_code,
          },
        ]
      : [];
  });
}

/**
 * A search must not walk the sort column's index. Postgres assumes matches are spread evenly
 * through that order and expects a page after a few rows, but "patricia" matches only names from P
 * onward: it read 70% of the org first (100–350 ms at 100,000 users, bench/users-list.ts). With
 * plain index scans off (SET LOCAL: this transaction only) it takes the matches from the trigram
 * indexes and sorts them, a cost that follows the number of matches. The rows are then read by id
 * (pageRows) outside the transaction: Prisma loads relations with concurrent queries, which one
 * transaction's connection would have to queue (pg warns that it will stop doing so).
 */
async function findSearchPageIds(orgDb: OrgDb, args: Pick<Prisma.UserFindManyArgs, "where" | "orderBy" | "take">): Promise<{ id: string }[]> {
  // A term most users match ("acme" in every username) finds its page at the start of the index
  // at once, where the trigram path would fetch and sort every match (over 100 ms at 100,000
  // users): the walk is tried first, for a few milliseconds only, and given up when the matches
  // are sparse or clustered late in the order.
  const walked = await withinBudget(orgDb, SEARCH_WALK_BUDGET_MS, (tx) => tx.user.findMany({ ...args, select: { id: true } }));
  if (walked) return walked;
  const [, ids] = await orgDb.$transaction([orgDb.$executeRaw`SET LOCAL enable_indexscan = off`, orgDb.user.findMany({ ...args, select: { id: true } })]);
  return ids;
}
