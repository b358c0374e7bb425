// Setup > Users list (SPEC A1, issue 12): the caller's org only (the client is tenant-scoped),
// sorted by name, username, last login or created, either way, keyset-paginated on (sort value,
// id) so page 4,000 costs what page 1 costs. Each sort walks its own (org_id, column, id) index.
import type { Prisma } from "@db/generated";
import type { OrgDb } from "@/lib/db/tenant";
import { USERS_COUNT_CAP, USERS_PAGE_SIZE } from "@/lib/config";
import { userFiltersWhere, type UserFilters } from "./user-filters";
import { pageRowsById, unfilteredRunRows } from "./page-rows";
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
    findPage(orgDb, { column, dir: sort.dir, where: filtered, at, backwards, take: pageSize + 1, search: search !== "", nowMs }),
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

async function findPage(
  orgDb: OrgDb,
  q: {
    column: UserSortColumn;
    dir: SortDir;
    where: Prisma.UserWhereInput;
    at: UserCursor | null;
    backwards: boolean;
    take: number;
    search: boolean;
    nowMs: number;
  },
): Promise<UserListRow[]> {
  const { column } = q;
  const runs: Run[] = column.nullable ? ["set", "null"] : ["set"];
  if (q.backwards) runs.reverse();
  const startAt = q.at ? runs.indexOf(q.at.value === null ? "null" : "set") : 0;
  // Reading backwards is reading the opposite order forwards from the cursor.
  const scan: SortDir = q.backwards ? (q.dir === "asc" ? "desc" : "asc") : q.dir;
  // Without a filter or a search (the first page anyone sees, and the API's plain list), each run
  // is one statement; otherwise the typed client finds the ids and pageRowsById reads their rows.
  const unfiltered = !q.search && Object.keys(q.where).length === 0;
  const rows: UserListRow[] = [];
  const ids: string[] = [];
  for (const [i, run] of runs.slice(Math.max(startAt, 0)).entries()) {
    const bound = i === 0 ? q.at : null;
    const take = q.take - rows.length - ids.length;
    if (unfiltered) {
      rows.push(...(await unfilteredRunRows(orgDb, { column, run, scan, bound, take, nowMs: q.nowMs })));
    } else {
      const args = { where: { AND: [q.where, runWhere(column, run, scan, bound)] }, orderBy: runOrder(column, run, scan), take };
      const found = q.search ? await findSearchPageIds(orgDb, args) : await orgDb.user.findMany({ ...args, select: { id: true } });
      ids.push(...found.map((u) => u.id));
    }
    if (rows.length + ids.length >= q.take) break;
  }
  return unfiltered ? rows : pageRowsById(orgDb, ids, q.nowMs);
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
 * A search must not walk the sort column's index. Postgres assumes matches are spread evenly
 * through that order and expects a page after a few rows, but "patricia" matches only names from P
 * onward: it read 70% of the org first (100–350 ms at 100,000 users, bench/users-list.ts). With
 * plain index scans off (SET LOCAL: this transaction only) it takes the matches from the trigram
 * indexes and sorts them, a cost that follows the number of matches. The rows are then read by id
 * (pageRowsById) outside the transaction: Prisma loads relations with concurrent queries, which one
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
