// SPEC B3: with the policy on, resetting an administrator's MFA needs a second administrator;
// request and decision are both logged; the requester cannot approve their own request.
import "../helpers/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { ctx, seed } from "../helpers/demo";
import { forOrg } from "@/lib/db/tenant";
import { resetMfa } from "@/lib/mfa/admin/reset-mfa";
import { decideApproval } from "@/lib/mfa/admin/decide-approval";
import type { Permission } from "@db/generated";

let t: TestDb;
let demo: Awaited<ReturnType<typeof seed>>;

beforeAll(async () => {
  t = await createMigratedDb();
  demo = await seed(t.db);
  await t.db.orgSettings.update({ where: { orgId: demo.orgs.acme!.id }, data: { requireSecondAdminForAdminReset: true } });
});
afterAll(() => t?.close());

const orgId = () => demo.orgs.acme!.id;
// What a System Administrator holds: allowed to decide every kind of request.
const ADMIN_PERMISSIONS = new Set<Permission>(["MANAGE_USERS", "MANAGE_MFA", "VIEW_VERIFICATION_ACTIVITY"]);
const as = (username: string) => ({ orgDb: forOrg(t.db, orgId()), orgId: orgId(), actor: { id: demo.users[username]!.id }, context: ctx });

describe("second-admin approval of admin MFA resets", () => {
  it("turns a reset of an administrator into a request that another admin approves", async () => {
    const delegate = demo.users["delegate@acme.test"]!; // MFA Delegate: an administrator of MFA
    await t.db.totpFactor.create({ data: { orgId: orgId(), userId: delegate.id, name: "App", secretCiphertext: "x", verifiedAt: new Date() } });
    const requested = await resetMfa({ ...as("admin@acme.test"), targetUserId: delegate.id, reason: "Lost phone" });
    expect(requested).toEqual({ ok: true, pendingApproval: true });
    expect(await t.db.totpFactor.count({ where: { userId: delegate.id } })).toBe(1);
    expect(await resetMfa({ ...as("admin@acme.test"), targetUserId: delegate.id, reason: "again" })).toEqual({ ok: false, code: "RESET_ALREADY_REQUESTED" });

    const request = await t.db.mfaResetApproval.findFirstOrThrow({ where: { targetUserId: delegate.id } });
    // The requester cannot approve; nor can the target.
    expect(
      await decideApproval({
        deciderPermissions: ADMIN_PERMISSIONS,
        ...as("admin@acme.test"),
        actorId: demo.users["admin@acme.test"]!.id,
        requestId: request.id,
        approve: true,
      }),
    ).toEqual({ ok: false, code: "SECOND_ADMIN_REQUIRED" });
    expect(
      await decideApproval({ deciderPermissions: ADMIN_PERMISSIONS, ...as("delegate@acme.test"), actorId: delegate.id, requestId: request.id, approve: true }),
    ).toEqual({ ok: false, code: "SECOND_ADMIN_REQUIRED" });
    // Another org's admin cannot even see it.
    const gus = demo.users["admin@globex.test"]!;
    expect(
      await decideApproval({
        deciderPermissions: ADMIN_PERMISSIONS,
        orgDb: forOrg(t.db, gus.orgId),
        orgId: gus.orgId,
        actorId: gus.id,
        requestId: request.id,
        approve: true,
        context: ctx,
      }),
    ).toEqual({ ok: false, code: "RESET_REQUEST_NOT_FOUND" });

    // A second administrator of Acme approves: the reset happens now.
    const second = await t.db.user.create({
      data: { orgId: orgId(), username: "second@acme.test", name: "Second Admin", passwordHash: "x", profileId: demo.users["admin@acme.test"]!.profileId },
    });
    expect(
      await decideApproval({ deciderPermissions: ADMIN_PERMISSIONS, ...as("admin@acme.test"), actorId: second.id, requestId: request.id, approve: true }),
    ).toEqual({ ok: true, decided: "approved" });
    expect(await t.db.totpFactor.count({ where: { userId: delegate.id } })).toBe(0);
    expect(
      await decideApproval({ deciderPermissions: ADMIN_PERMISSIONS, ...as("admin@acme.test"), actorId: second.id, requestId: request.id, approve: true }),
    ).toEqual({ ok: false, code: "RESET_REQUEST_NOT_FOUND" });
    const kinds = (await t.db.verificationEvent.findMany({ where: { userId: delegate.id }, orderBy: { id: "asc" } })).map((e) => [e.activity, e.status]);
    expect(kinds).toEqual([
      ["MFA_RESET_REQUESTED", "PENDING"],
      ["MFA_RESET", "SUCCEEDED"],
    ]);
  });

  it("resets a non-administrator directly, and a denied request changes nothing", async () => {
    expect(await resetMfa({ ...as("admin@acme.test"), targetUserId: demo.users["alice@acme.test"]!.id, reason: "Lost phone" })).toMatchObject({
      ok: true,
      counts: { authenticatorApps: 1 },
    });
    const support = demo.users["support@acme.test"]!;
    // Support Agents hold no MFA or user administration: reset directly too.
    expect(await resetMfa({ ...as("admin@acme.test"), targetUserId: support.id, reason: "x" })).toMatchObject({ ok: true });
    // A request that is denied leaves everything as it was, and the decision is logged.
    const adminProfile = demo.users["admin@acme.test"]!.profileId;
    const target = await t.db.user.create({
      data: { orgId: orgId(), username: "third@acme.test", name: "Third Admin", passwordHash: "x", profileId: adminProfile },
    });
    await t.db.totpFactor.create({ data: { orgId: orgId(), userId: target.id, name: "App", secretCiphertext: "x", verifiedAt: new Date() } });
    expect(await resetMfa({ ...as("admin@acme.test"), targetUserId: target.id, reason: "Unsure" })).toEqual({ ok: true, pendingApproval: true });
    const request = await t.db.mfaResetApproval.findFirstOrThrow({ where: { targetUserId: target.id } });
    expect(
      await decideApproval({
        deciderPermissions: ADMIN_PERMISSIONS,
        ...as("delegate@acme.test"),
        actorId: demo.users["delegate@acme.test"]!.id,
        requestId: request.id,
        approve: false,
      }),
    ).toEqual({ ok: true, decided: "denied" });
    expect(await t.db.totpFactor.count({ where: { userId: target.id } })).toBe(1);
    expect(await t.db.verificationEvent.findFirst({ where: { userId: target.id, activity: "MFA_RESET_DECIDED" } })).toMatchObject({
      detail: { decision: "denied" },
    });
    const globexAdmin = demo.users["admin@globex.test"]!;
    expect(await resetMfa({ ...as("admin@acme.test"), targetUserId: globexAdmin.id, reason: "x" })).toEqual({ ok: false, code: "NOT_FOUND" });
  });
});
