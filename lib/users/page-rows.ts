// The rows of a Setup > Users page and of GET /api/v1/users: each user with its profile's name,
// its method counts and whether a temporary code is active, in one statement. Not `_count`: Prisma
// turns it into LEFT JOINs on GROUP BY aggregates over the whole org's factor tables, which
// Postgres cannot limit to the page (≈ 150 ms at 100,000 users, bench/users-list.ts). Not relation
// selects either: Prisma loads each relation with a query of its own, four round trips a page
// where this is one (bench/api.ts). Each subquery is an index probe on user_id for the page's
// users only. The temporary code is a scalar subquery, not EXISTS: Postgres turns an EXISTS into a
// hashed subplan that reads every active code of every org once per page (a sequential scan,
// 0.4–1.5 ms at 5,000 codes, growing with the table) where 51 index probes cost a tenth of that.
import { Prisma } from "@db/generated";
import { orgIdOf, type OrgDb } from "@/lib/db/tenant";
import { activeTempCodeSql } from "@/lib/mfa/temp-codes/active-temp-code";
import type { SortDir, UserSortColumn } from "./user-sort";
import type { UserCursor } from "./user-cursor";
import type { UserListRow } from "./list-users";

interface RawRow {
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
}

const columns = (nowMs: number) => Prisma.sql`u.id, u.name, u.username, u.is_active, u.locked_until, u.last_login_at, u.created_at, p.name AS profile_name,
  (SELECT count(*)::int FROM totp_factors f WHERE f.user_id = u.id AND f.verified_at IS NOT NULL) AS totp,
  (SELECT count(*)::int FROM webauthn_credentials w WHERE w.user_id = u.id) AS webauthn,
  COALESCE((SELECT true FROM temp_codes c WHERE c.user_id = u.id AND ${activeTempCodeSql("c", nowMs)} LIMIT 1), false) AS temp_code`;

/** The rows of these users, in the order of `ids` (which came from a tenant-scoped query). */
export async function pageRowsById(orgDb: OrgDb, ids: string[], nowMs: number): Promise<UserListRow[]> {
  if (ids.length === 0) return [];
  const rows = await orgDb.$queryRaw<RawRow[]>`/* prepared */
    SELECT ${columns(nowMs)}
    FROM users u JOIN profiles p ON p.id = u.profile_id
    WHERE u.id = ANY(${ids}::uuid[])`;
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const r = byId.get(id);
    return r ? [listRow(r)] : [];
  });
}

/** The SQL column of each sort field: a fixed table, so splicing one is never splicing input. */
const SORT_SQL: Record<UserSortColumn["field"], string> = { name: "u.name", username: "u.username", lastLoginAt: "u.last_login_at", createdAt: "u.created_at" };

/**
 * One run of an unfiltered list (lib/users/list-users.ts: the rows with a value of the sort column,
 * or those without) after `bound`, in scan order: the keyset walk on (org_id, column, id) and the
 * page's rows in one statement, where a filtered list takes its ids from the typed client first.
 * The same bounds as list-users' runWhere, written in SQL: the plain `column >= x` lets the index
 * scan start at the cursor; the OR alone would walk every earlier row.
 */
export async function unfilteredRunRows(
  orgDb: OrgDb,
  q: { column: UserSortColumn; run: "set" | "null"; scan: SortDir; bound: UserCursor | null; take: number; nowMs: number },
): Promise<UserListRow[]> {
  const col = Prisma.raw(SORT_SQL[q.column.field]);
  const dir = Prisma.raw(q.scan === "asc" ? "ASC" : "DESC");
  const after = Prisma.raw(q.scan === "asc" ? ">" : "<");
  const from = Prisma.raw(q.scan === "asc" ? ">=" : "<=");
  const { bound } = q;
  let where: Prisma.Sql;
  if (q.run === "null") where = bound ? Prisma.sql`${col} IS NULL AND u.id ${after} ${bound.id}::uuid` : Prisma.sql`${col} IS NULL`;
  else {
    const present = q.column.nullable ? Prisma.sql`${col} IS NOT NULL` : Prisma.sql`TRUE`;
    const value = bound && bound.value !== null ? (q.column.kind === "date" ? new Date(bound.value) : bound.value) : null;
    if (!bound || value === null) where = present;
    else if (q.column.unique) where = Prisma.sql`${present} AND ${col} ${after} ${value}`;
    else where = Prisma.sql`${present} AND ${col} ${from} ${value} AND (${col} ${after} ${value} OR (${col} = ${value} AND u.id ${after} ${bound.id}::uuid))`;
  }
  const order = q.run === "null" ? Prisma.sql`u.id ${dir}` : q.column.unique ? Prisma.sql`${col} ${dir}` : Prisma.sql`${col} ${dir}, u.id ${dir}`;
  const rows = await orgDb.$queryRaw<RawRow[]>`/* prepared */
    SELECT ${columns(q.nowMs)}
    FROM users u JOIN profiles p ON p.id = u.profile_id
    WHERE u.org_id = ${orgIdOf(orgDb)}::uuid AND ${where}
    ORDER BY ${order}
    LIMIT ${Prisma.raw(String(limitBucket(q.take)))}`;
  return rows.slice(0, q.take).map(listRow);
}

/**
 * The LIMIT written into the statement: the next of a few sizes (a page of 10, 25, 50, 100 or 200
 * and one more). A prepared statement's plan is made once for any parameters, and for `LIMIT $n`
 * Postgres assumes a tenth of the org: it then keeps replanning (the generic plan looks a hundred
 * times dearer) and, once chosen, compiles it with JIT (~20 ms a call). A literal gives the plan
 * its real size; the few sizes bound the statements a connection keeps, whatever limits clients send.
 */
export function limitBucket(take: number): number {
  if (!Number.isSafeInteger(take) || take < 1) throw new RangeError(`Not a page size: ${take}`);
  return LIMIT_BUCKETS.find((b) => b >= take) ?? take;
}
const LIMIT_BUCKETS = [11, 26, 51, 101, 201];

function listRow(r: RawRow): UserListRow {
  return {
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
  };
}
