// SPEC T1: a Globex admin's tenant-scoped client cannot read, count, change or create Acme data.
import "../helpers/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { seed } from "../helpers/demo";
import { forOrg } from "@/lib/db/tenant";
import { listUsers } from "@/lib/users/list-users";

let t: TestDb;
let demo: Awaited<ReturnType<typeof seed>>;

beforeAll(async () => {
  t = await createMigratedDb();
  demo = await seed(t.db);
});
afterAll(() => t?.close());

describe("tenant scoping", () => {
  it("lists only the caller's org in Setup > Users", async () => {
    const globex = forOrg(t.db, demo.orgs.globex!.id);
    const page = await listUsers(globex);
    expect(page.rows.map((r) => r.username)).toEqual(["admin@globex.test"]);
    expect(page.total).toBe(1);
    const acme = await listUsers(forOrg(t.db, demo.orgs.acme!.id));
    expect(acme.total).toBe(6);
    expect(acme.rows.every((r) => r.username.endsWith("@acme.test"))).toBe(true);
  });

  it("finds nothing of another org, even by its exact id", async () => {
    const globex = forOrg(t.db, demo.orgs.globex!.id);
    const alice = demo.users["alice@acme.test"]!;
    expect(await globex.user.findUnique({ where: { id: alice.id } })).toBeNull();
    expect(await globex.user.findFirst({ where: { username: alice.username } })).toBeNull();
    expect(await globex.user.count({ where: { id: alice.id } })).toBe(0);
    expect(await globex.totpFactor.findMany({ where: { userId: alice.id } })).toEqual([]);
    expect(await globex.org.findUnique({ where: { id: demo.orgs.acme!.id } })).toBeNull();
    // A caller-supplied orgId cannot widen the scope.
    expect(await globex.user.findMany({ where: { orgId: demo.orgs.acme!.id } })).toEqual([]);
    expect(await globex.user.findMany({ where: { OR: [{ orgId: demo.orgs.acme!.id }, { username: { contains: "@" } }] } })).toHaveLength(1);
  });

  it("changes nothing of another org", async () => {
    const globex = forOrg(t.db, demo.orgs.globex!.id);
    const alice = demo.users["alice@acme.test"]!;
    expect((await globex.user.updateMany({ where: { id: alice.id }, data: { name: "pwned" } })).count).toBe(0);
    await expect(globex.user.update({ where: { id: alice.id }, data: { name: "pwned" } })).rejects.toThrow();
    await expect(globex.user.delete({ where: { id: alice.id } })).rejects.toThrow();
    expect((await globex.session.deleteMany({})).count).toBe(0);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: alice.id } })).name).toBe("Alice Anders");
  });

  it("creates rows only in its own org and never moves a row across orgs", async () => {
    const globex = forOrg(t.db, demo.orgs.globex!.id);
    const gus = demo.users["admin@globex.test"]!;
    const profile = await globex.profile.create({ data: { name: "Auditors", permissions: [], orgId: demo.orgs.acme!.id } as never });
    expect(profile.orgId).toBe(demo.orgs.globex!.id);
    await globex.user.update({ where: { id: gus.id }, data: { orgId: demo.orgs.acme!.id } as never });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: gus.id } })).orgId).toBe(demo.orgs.globex!.id);
    await expect(globex.org.create({ data: { name: "X", slug: "x" } })).rejects.toThrow(/cannot create orgs/);
  });

  it("is enforced by the database too: a row cannot point at another org's parent", async () => {
    const acmeProfile = demo.users["alice@acme.test"]!.profileId;
    await expect(
      t.db.user.create({ data: { orgId: demo.orgs.globex!.id, username: "mixed@globex.test", name: "Mixed", passwordHash: "x", profileId: acmeProfile } }),
    ).rejects.toThrow();
    await expect(
      t.sql(
        "INSERT INTO sessions (id, org_id, user_id, token_hash, level, login_method, expires_at) VALUES (gen_random_uuid(), $1, $2, 'h', 'STANDARD', 'PASSWORD', now())",
        [demo.orgs.globex!.id, demo.users["alice@acme.test"]!.id],
      ),
    ).rejects.toThrow(/foreign key/);
  });

  it("scopes interactive transactions too", async () => {
    const globex = forOrg(t.db, demo.orgs.globex!.id);
    const count = await globex.$transaction(async (tx) => tx.user.count());
    expect(count).toBe(1);
  });
});
