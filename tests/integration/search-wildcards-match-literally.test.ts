// Issue 8, point 6: "%" and "_" in the users search and the history type-ahead are letters, not
// LIKE wildcards — a search for "%" must not match everyone.
import "../helpers/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { seed } from "../helpers/demo";
import { forOrg } from "@/lib/db/tenant";
import { listUsers } from "@/lib/users/list-users";
import { suggestUsers } from "@/lib/activity/suggest-users";

let t: TestDb;
let acme: ReturnType<typeof forOrg>;

beforeAll(async () => {
  t = await createMigratedDb();
  const demo = await seed(t.db);
  const admin = demo.users["admin@acme.test"]!;
  acme = forOrg(t.db, admin.orgId);
  await t.db.user.create({ data: { orgId: admin.orgId, username: "odd_name@acme.test", name: "Fifty% Off", passwordHash: "x", profileId: admin.profileId } });
});
afterAll(() => t?.close());

const names = async (q: string) => (await listUsers(acme, { filters: { q } })).rows.map((r) => r.name);

describe("search wildcards", () => {
  it("matches % and _ literally in Setup > Users, at any length", async () => {
    // 1–2 letters match word starts (decision 008): no name or username starts with these.
    expect(await names("%")).toEqual([]);
    expect(await names("_")).toEqual([]);
    expect(await names("y% o")).toEqual(["Fifty% Off"]);
    expect(await names("d_n")).toEqual(["Fifty% Off"]);
    expect(await names("a_c")).toEqual([]);
  });
  it("matches them literally in the history's user type-ahead", async () => {
    expect((await suggestUsers(acme, { query: "%" })).map((u) => u.username)).toEqual(["odd_name@acme.test"]);
    expect((await suggestUsers(acme, { query: "_" })).map((u) => u.username)).toEqual(["odd_name@acme.test"]);
    expect(await suggestUsers(acme, { query: "a_m" })).toEqual([]);
  });
});
