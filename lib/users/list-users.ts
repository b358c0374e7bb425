// Setup > Users list (SPEC A1): the caller's org only (the client is tenant-scoped), ordered by
// name then id, keyset-paginated so page 4,000 costs what page 1 costs.
import type { Prisma } from "@db/generated";
import type { OrgDb } from "@/lib/db/tenant";
import { USERS_PAGE_SIZE } from "@/lib/config";
import { userFiltersWhere, type UserFilters } from "./user-filters";
import { activeTempCodeWhere } from "@/lib/mfa/temp-codes/active-temp-code";

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
  total: number;
  /** Opaque cursors for the next and previous pages; null at either end. */
  next: string | null;
  prev: string | null;
}

type Cursor = { name: string; id: string };

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.name, c.id])).toString("base64url");
}

export function decodeCursor(raw: string | undefined): Cursor | null {
  if (!raw) return null;
  try {
    const [name, id] = JSON.parse(Buffer.from(raw, "base64url").toString("utf8"));
    return typeof name === "string" && typeof id === "string" && /^[0-9a-f-]{36}$/.test(id) ? { name, id } : null;
  } catch {
    return null;
  }
}

export async function listUsers(
  orgDb: OrgDb,
  opts: { after?: string; before?: string; pageSize?: number; filters?: UserFilters; nowMs?: number } = {},
): Promise<UserListPage> {
  const pageSize = opts.pageSize ?? USERS_PAGE_SIZE;
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

  const [found, total] = await Promise.all([
    orgDb.user.findMany({
      where,
      orderBy: [{ name: dir }, { id: dir }],
      take: pageSize + 1,
      select: {
        id: true,
        name: true,
        username: true,
        isActive: true,
        lockedUntil: true,
        profile: { select: { name: true } },
        // Relation rows, not `_count`: Prisma turns `_count` into LEFT JOINs on GROUP BY
        // aggregates over the whole org's factor tables, which Postgres cannot limit to the page
        // (≈ 150 ms at 100,000 users, bench/users-list.ts). Selected like this, each relation is
        // one `user_id IN (…page…)` query on its index. A user has a handful of methods at most.
        totpFactors: { where: { verifiedAt: { not: null } }, select: { id: true } },
        webauthnCreds: { select: { id: true } },
        tempCodes: { where: activeTempCodeWhere(nowMs), select: { id: true } },
      },
    }),
    orgDb.user.count({ where: filtered }),
  ]);

  const hasMore = found.length > pageSize;
  const page = found.slice(0, pageSize);
  if (backwards) page.reverse();
  const rows = page.map((u) => ({
    id: u.id,
    name: u.name,
    username: u.username,
    profileName: u.profile.name,
    isActive: u.isActive,
    totpCount: u.totpFactors.length,
    webauthnCount: u.webauthnCreds.length,
    tempCodeActive: u.tempCodes.length > 0,
    lockedUntil: u.lockedUntil && u.lockedUntil.getTime() > nowMs ? u.lockedUntil : null,
  }));
  const first = rows[0];
  const last = rows.at(-1);
  return {
    rows,
    total,
    next: last && (backwards || hasMore) ? encodeCursor(last) : null,
    prev: first && (backwards ? hasMore : at !== null) ? encodeCursor(first) : null,
  };
}
