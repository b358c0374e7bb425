// SPEC A1: Setup > Users pages through the whole org exactly once, in order, both ways.
import "../helpers/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { seed } from "../helpers/demo";
import { forOrg } from "@/lib/db/tenant";
import { listUsers, encodeCursor } from "@/lib/users/list-users";

let t: TestDb;
let orgId: string;
const PAGE = 10;

beforeAll(async () => {
  t = await createMigratedDb();
  const demo = await seed(t.db);
  orgId = demo.orgs.acme!.id;
  const profileId = demo.users["bob@acme.test"]!.profileId;
  // Duplicate names on purpose: ties are ordered by id.
  await t.db.user.createMany({
    data: Array.from({ length: 37 }, (_, i) => ({ orgId, profileId, username: `user${i}@acme.test`, name: `Person ${i % 7}`, passwordHash: "x" })),
  });
});
afterAll(() => t?.close());

describe("users list pagination", () => {
  it("walks forward and back over every user once, in name then id order", async () => {
    const db = forOrg(t.db, orgId);
    const forward: string[] = [];
    let page = await listUsers(db, { pageSize: PAGE });
    expect(page.prev).toBeNull();
    expect(page.total).toBe(43);
    const pages = [page];
    while (page.next) {
      page = await listUsers(db, { after: page.next, pageSize: PAGE });
      pages.push(page);
    }
    for (const p of pages) forward.push(...p.rows.map((r) => r.id));
    expect(pages).toHaveLength(5);
    expect(pages.at(-1)!.rows).toHaveLength(3);
    expect(new Set(forward).size).toBe(43);

    const all = await t.db.user.findMany({ where: { orgId }, select: { id: true, name: true } });
    const collator = await t.sql<{ id: string }>("SELECT id FROM users WHERE org_id = $1 ORDER BY name, id", [orgId]);
    expect(forward).toEqual(collator.map((r) => r.id));
    expect(all).toHaveLength(43);

    // Backwards from the last page reproduces the same pages.
    let back = pages.at(-1)!;
    const backward: string[][] = [back.rows.map((r) => r.id)];
    while (back.prev) {
      back = await listUsers(db, { before: back.prev, pageSize: PAGE });
      backward.unshift(back.rows.map((r) => r.id));
    }
    expect(backward.flat()).toEqual(forward);
    expect(back.prev).toBeNull();
  });

  it("pages a search the same way, forward and back", async () => {
    const db = forOrg(t.db, orgId);
    const filters = { q: "PERSON" };
    const expected = await t.sql<{ id: string }>("SELECT id FROM users WHERE org_id = $1 AND name ILIKE '%person%' ORDER BY name, id", [orgId]);
    let page = await listUsers(db, { filters, pageSize: PAGE });
    expect(page.total).toBe(37);
    const pages = [page];
    while (page.next) pages.push((page = await listUsers(db, { filters, after: page.next, pageSize: PAGE })));
    expect(pages.flatMap((p) => p.rows.map((r) => r.id))).toEqual(expected.map((r) => r.id));
    const back = await listUsers(db, { filters, before: pages.at(-1)!.prev!, pageSize: PAGE });
    expect(back.rows).toEqual(pages.at(-2)!.rows);
  });

  it("counts exactly up to the cap, then says only that more match", async () => {
    const db = forOrg(t.db, orgId);
    expect(await listUsers(db, { pageSize: PAGE, countCap: 44 })).toMatchObject({ total: 43, totalCapped: false });
    expect(await listUsers(db, { pageSize: PAGE, countCap: 43 })).toMatchObject({ total: 43, totalCapped: false });
    const capped = await listUsers(db, { pageSize: PAGE, countCap: 42 });
    expect(capped).toMatchObject({ total: 42, totalCapped: true });
    // The cap bounds the count only: the page and its cursor are unchanged.
    const exact = await listUsers(db, { pageSize: PAGE });
    expect(exact).toMatchObject({ total: 43, totalCapped: false });
    expect(capped.rows).toEqual(exact.rows);
    expect(capped.next).toBe(exact.next);
    // It applies to a filtered count, on a later page too; a search is counted exactly.
    const { profileId } = await t.db.user.findFirstOrThrow({ where: { username: "user3@acme.test" } });
    const later = await listUsers(db, { after: exact.next!, filters: { profile: profileId }, pageSize: 2, countCap: 4 });
    expect(later).toMatchObject({ total: 4, totalCapped: true });
    expect(await listUsers(db, { filters: { q: "Person 3" }, pageSize: 2, countCap: 4 })).toMatchObject({ total: 5, totalCapped: false });
  });

  it("ignores a malformed cursor and answers a cursor past the end with an empty last page", async () => {
    const db = forOrg(t.db, orgId);
    expect((await listUsers(db, { after: "not-a-cursor", pageSize: PAGE })).rows).toHaveLength(PAGE);
    const end = await listUsers(db, { after: encodeCursor({ name: "zzzz", id: "ffffffff-ffff-ffff-ffff-ffffffffffff" }), pageSize: PAGE });
    expect(end.rows).toEqual([]);
    expect(end.next).toBeNull();
  });
});
