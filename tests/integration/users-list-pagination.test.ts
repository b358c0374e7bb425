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

  it("ignores a malformed cursor and answers a cursor past the end with an empty last page", async () => {
    const db = forOrg(t.db, orgId);
    expect((await listUsers(db, { after: "not-a-cursor", pageSize: PAGE })).rows).toHaveLength(PAGE);
    const end = await listUsers(db, { after: encodeCursor({ name: "zzzz", id: "ffffffff-ffff-ffff-ffff-ffffffffffff" }), pageSize: PAGE });
    expect(end.rows).toEqual([]);
    expect(end.next).toBeNull();
  });
});
