// SPEC B4: bulk actions report per user, act only in the caller's org, never on the caller.
import "../helpers/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { ctx, seed } from "../helpers/demo";
import { forOrg } from "@/lib/db/tenant";
import { bulkUserAction } from "@/lib/users/bulk-user-action";

let t: TestDb;
let demo: Awaited<ReturnType<typeof seed>>;

beforeAll(async () => {
  t = await createMigratedDb();
  demo = await seed(t.db);
});
afterAll(() => t?.close());

describe("bulk actions", () => {
  it("resets MFA per user with one event each, and reports the refusals", async () => {
    const admin = demo.users["admin@acme.test"]!;
    const ids = ["alice@acme.test", "bob@acme.test", "admin@acme.test", "admin@globex.test"].map((u) => demo.users[u]!.id);
    const before = await t.db.verificationEvent.count({ where: { activity: "MFA_RESET" } });
    const results = await bulkUserAction({
      orgDb: forOrg(t.db, admin.orgId),
      orgId: admin.orgId,
      actor: { id: admin.id },
      action: "reset-mfa",
      userIds: ids,
      reason: "Device fleet replaced",
      context: ctx,
    });
    expect(results.map((r) => [r.name, r.ok, r.message])).toEqual([
      ["Alice Anders", true, "MFA reset"],
      ["Bob Brown", true, "MFA reset"],
      ["Ada Admin", false, "You can't do this to your own account. Ask another administrator."],
      ["Unknown user", false, "Not found."],
    ]);
    expect(await t.db.verificationEvent.count({ where: { activity: "MFA_RESET" } })).toBe(before + 2);
    expect(await t.db.totpFactor.count({ where: { userId: demo.users["admin@globex.test"]!.id } })).toBe(1);
    expect(await t.db.totpFactor.count({ where: { userId: demo.users["alice@acme.test"]!.id } })).toBe(0);
  });

  it("expires temporary codes and revokes sessions per user", async () => {
    const admin = demo.users["admin@acme.test"]!;
    const bob = demo.users["bob@acme.test"]!;
    await t.db.tempCode.create({ data: { orgId: bob.orgId, userId: bob.id, codeHash: "h", reason: "r", expiresAt: new Date(Date.now() + 3_600_000) } });
    const scoped = { orgDb: forOrg(t.db, admin.orgId), orgId: admin.orgId, actor: { id: admin.id }, reason: "", context: ctx };
    const expired = await bulkUserAction({ ...scoped, action: "expire-temp-codes", userIds: [bob.id, demo.users["alice@acme.test"]!.id] });
    expect(expired.map((r) => r.ok)).toEqual([true, false]);
    expect(expired[1]!.message).toBe("This user has no active temporary verification code.");
    // A user without a session: nothing happens, and the history says nothing happened.
    const revokedEvents = () => t.db.verificationEvent.count({ where: { activity: "SESSION_REVOKED", userId: bob.id } });
    const eventsBefore = await revokedEvents();
    expect(await bulkUserAction({ ...scoped, action: "revoke-sessions", userIds: [bob.id] })).toEqual([
      { userId: bob.id, name: "Bob Brown", ok: true, message: "No active sessions: nothing to revoke" },
    ]);
    expect(await revokedEvents()).toBe(eventsBefore);
    await t.db.session.create({
      data: {
        orgId: bob.orgId,
        userId: bob.id,
        tokenHash: "bulk-revoke-test",
        level: "STANDARD",
        loginMethod: "TOTP",
        expiresAt: new Date(Date.now() + 3_600_000),
      },
    });
    const revoked = await bulkUserAction({ ...scoped, action: "revoke-sessions", userIds: [bob.id] });
    expect(revoked).toEqual([{ userId: bob.id, name: "Bob Brown", ok: true, message: "Sessions revoked" }]);
    expect(await revokedEvents()).toBe(eventsBefore + 1);
  });
});
