// Issue 12: Setup > Users sorted by name, username, last login and created, both ways. Every sort
// pages through the whole org exactly once, in the order SQL gives, forward and back — across
// ties (ordered by id) and never-logged-in users (last in both directions) — combined with
// filters and search; Globex users never appear; a cursor of another sort or a hostile one opens
// the first page.
import "../helpers/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { seed } from "../helpers/demo";
import { forOrg } from "@/lib/db/tenant";
import { listUsers, type UserListPage } from "@/lib/users/list-users";
import { encodeUserCursor } from "@/lib/users/user-cursor";
import { checkUserSort, USER_SORTS, type SortDir, type UserSort, type UserSortKey } from "@/lib/users/user-sort";
import type { UserFilters } from "@/lib/users/user-filters";

let t: TestDb;
let acmeId: string;
let globexIds: Set<string>;
const PAGE = 4;
const DAY_MS = 86_400_000;
const BASE_MS = Date.parse("2026-06-01T12:00:00.000Z");

const SQL_ORDER: Record<UserSortKey, (dir: SortDir) => string> = {
  name: (d) => `name ${d}, id ${d}`,
  username: (d) => `username ${d}`,
  "last-login": (d) => `last_login_at ${d} NULLS LAST, id ${d}`,
  created: (d) => `created_at ${d}, id ${d}`,
};
const SORTS: UserSort[] = USER_SORTS.flatMap((sort) => (["asc", "desc"] as const).map((dir) => ({ sort, dir })));

beforeAll(async () => {
  t = await createMigratedDb();
  const demo = await seed(t.db);
  acmeId = demo.orgs.acme!.id;
  const globexId = demo.orgs.globex!.id;
  const data = (orgId: string, profileId: string, domain: string) =>
    Array.from({ length: 23 }, (_, i) => ({
      orgId,
      profileId,
      username: `sorter${String(i).padStart(2, "0")}@${domain}`,
      // Ties on purpose in every column: names repeat, logins and creations share instants, and a
      // third never logged in.
      name: `Sorter ${["Ann", "Bea", "Cy"][i % 3]}`,
      lastLoginAt: i % 3 === 0 ? null : new Date(BASE_MS + (i % 4) * DAY_MS),
      createdAt: new Date(BASE_MS - (i % 5) * DAY_MS),
      isActive: i % 4 !== 0,
      passwordHash: "x",
    }));
  await t.db.user.createMany({ data: data(acmeId, demo.users["bob@acme.test"]!.profileId, "acme.test") });
  await t.db.user.createMany({ data: data(globexId, demo.users["admin@globex.test"]!.profileId, "globex.test") });
  globexIds = new Set((await t.db.user.findMany({ where: { orgId: globexId }, select: { id: true } })).map((u) => u.id));
});
afterAll(() => t?.close());

async function expectedIds(sort: UserSort, where = "TRUE", params: unknown[] = []): Promise<string[]> {
  const rows = await t.sql<{ id: string }>(`SELECT id FROM users WHERE org_id = $1 AND ${where} ORDER BY ${SQL_ORDER[sort.sort](sort.dir)}`, [
    acmeId,
    ...params,
  ]);
  return rows.map((r) => r.id);
}

async function walk(sort: UserSort, filters: UserFilters = {}): Promise<UserListPage[]> {
  const db = forOrg(t.db, acmeId);
  let page = await listUsers(db, { sort, filters, pageSize: PAGE });
  expect(page.prev).toBeNull();
  const pages = [page];
  while (page.next) pages.push((page = await listUsers(db, { sort, filters, after: page.next, pageSize: PAGE })));
  return pages;
}

async function walkBack(sort: UserSort, from: UserListPage, filters: UserFilters = {}): Promise<string[]> {
  const db = forOrg(t.db, acmeId);
  const ids = [from.rows.map((r) => r.id)];
  let page = from;
  while (page.prev) {
    page = await listUsers(db, { sort, filters, before: page.prev, pageSize: PAGE });
    ids.unshift(page.rows.map((r) => r.id));
  }
  return ids.flat();
}

describe("users list sorting", () => {
  it.each(SORTS)("pages by $sort $dir over every user once, in SQL's order, forward and back", async (sort) => {
    const pages = await walk(sort);
    const forward = pages.flatMap((p) => p.rows.map((r) => r.id));
    const expected = await expectedIds(sort);
    expect(expected).toHaveLength(29); // 6 demo users + 23
    expect(forward).toEqual(expected);
    expect(forward.some((id) => globexIds.has(id))).toBe(false);
    expect(pages.every((p) => p.total === 29 && !p.totalCapped)).toBe(true);
    expect(await walkBack(sort, pages.at(-1)!)).toEqual(expected);
  });

  it.each([
    { sort: "last-login", dir: "asc" },
    { sort: "last-login", dir: "desc" },
  ] as UserSort[])("puts never-logged-in users last by last login $dir, and pages across that boundary", async (sort) => {
    const rows = (await walk(sort)).flatMap((p) => p.rows);
    const firstNever = rows.findIndex((r) => r.lastLoginAt === null);
    expect(firstNever).toBeGreaterThan(0);
    expect(rows.slice(firstNever).every((r) => r.lastLoginAt === null)).toBe(true);
    const times = rows.slice(0, firstNever).map((r) => r.lastLoginAt!.getTime());
    expect(times).toEqual([...times].sort((a, b) => (sort.dir === "asc" ? a - b : b - a)));
  });

  it.each(SORTS)("combines $sort $dir with a search and a status filter", async (sort) => {
    const filters: UserFilters = { q: "sorter b", status: "active" };
    const pages = await walk(sort, filters);
    const expected = await expectedIds(sort, "(name ILIKE '%sorter b%' OR username ILIKE '%sorter b%') AND is_active");
    expect(expected.length).toBeGreaterThan(PAGE);
    expect(pages.flatMap((p) => p.rows.map((r) => r.id))).toEqual(expected);
    expect(pages[0]!.total).toBe(expected.length);
    expect(await walkBack(sort, pages.at(-1)!, filters)).toEqual(expected);
  });

  it("lists only Globex for Globex, in every sort", async () => {
    const globexId = (await t.db.org.findFirstOrThrow({ where: { slug: "globex" } })).id;
    for (const sort of SORTS) {
      const page = await listUsers(forOrg(t.db, globexId), { sort, pageSize: 100 });
      expect(page.rows.every((r) => globexIds.has(r.id))).toBe(true);
      expect(page.rows).toHaveLength(24);
    }
  });

  it("opens the first page for a cursor of another sort, direction or a hostile value", async () => {
    const db = forOrg(t.db, acmeId);
    const sort: UserSort = { sort: "last-login", dir: "desc" };
    const first = await listUsers(db, { sort, pageSize: PAGE });
    const id = first.rows[0]!.id;
    const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
    const hostile = [
      encodeUserCursor({ sort: "name", dir: "asc" }, { value: "Sorter Bea", id }),
      encodeUserCursor({ sort: "last-login", dir: "asc" }, { value: first.rows[1]!.lastLoginAt!.toISOString(), id }),
      b64(["last-login", "desc", "2026-02-30T00:00:00.000Z", id]),
      b64(["last-login", "desc", "+275760-09-13T00:00:00.000Z", id]),
      b64(["last-login", "desc", "yesterday", id]),
      b64(["last-login", "desc", 1_700_000_000_000, id]),
      b64(["last-login", "desc", null, "not-a-uuid"]),
      b64(["last-login", "desc", null]),
      b64({ sort: "last-login" }),
      "%%%",
      "x".repeat(5_000),
    ];
    for (const cursor of hostile) {
      const after = await listUsers(db, { sort, after: cursor, pageSize: PAGE });
      expect(after.rows).toEqual(first.rows);
      expect(after.prev).toBeNull();
      expect((await listUsers(db, { sort, before: cursor, pageSize: PAGE })).rows).toEqual(first.rows);
    }
    // null is a value only where a column has none: a created or name cursor with it is refused.
    const created: UserSort = { sort: "created", dir: "asc" };
    const nullCreated = await listUsers(db, { sort: created, after: b64(["created", "asc", null, id]), pageSize: PAGE });
    expect(nullCreated.rows).toEqual((await listUsers(db, { sort: created, pageSize: PAGE })).rows);
    const nul = await listUsers(db, { after: b64(["name", "asc", "a\u0000b", id]), pageSize: PAGE });
    expect(nul.prev).toBeNull();
  });

  it("falls back to name ascending, with a message, for a bad sort or direction", () => {
    expect(checkUserSort({})).toEqual({ sort: { sort: "name", dir: "asc" } });
    expect(checkUserSort({ sort: "last-login" })).toEqual({ sort: { sort: "last-login", dir: "desc" } });
    expect(checkUserSort({ sort: "username", dir: "desc" })).toEqual({ sort: { sort: "username", dir: "desc" } });
    for (const params of [
      { sort: "password_hash" },
      { sort: "__proto__" },
      { sort: "name", dir: "sideways" },
      { sort: ["name", "created"] },
      { dir: "\u0000" },
    ]) {
      const checked = checkUserSort(params);
      expect(checked.sort).toEqual({ sort: "name", dir: "asc" });
      expect(checked.problem).toMatch(/Showing users by name\.$/);
    }
  });
});
