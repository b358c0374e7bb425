// SPEC B3 (issue 8, point 4): with "Require a second administrator to approve MFA resets of
// administrators" on, every way around an administrator's factors is a request another
// administrator approves — Generate temporary code (the code goes to the approver, never to the
// requester), Disconnect, Reset MFA, bulk reset, the break-glass CLI — and a profile change
// cannot turn it into an immediate action. One rule in lib/policy/second-admin-approval.ts.
import "../helpers/env";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { ctx, seed } from "../helpers/demo";
import { usePglite } from "../helpers/pg";
import { createTestUser } from "../helpers/users";
import { passwordStepTo } from "../helpers/webauthn";
import { forOrg } from "@/lib/db/tenant";
import { generateTempCode } from "@/lib/mfa/temp-codes/generate-temp-code";
import { disconnectMethod } from "@/lib/mfa/admin/disconnect-method";
import { resetMfa } from "@/lib/mfa/admin/reset-mfa";
import { decideApproval } from "@/lib/mfa/admin/decide-approval";
import { bulkUserAction } from "@/lib/users/bulk-user-action";
import { updateUser } from "@/lib/users/update-user";
import { verifyTempCodeAtLogin } from "@/lib/mfa/verify-temp-code-login";
import { effectivePermissions } from "@/lib/users/permissions";
import type { Permission } from "@db/generated";

const run = promisify(execFile);
let t: TestDb;
let demo: Awaited<ReturnType<typeof seed>>;
let orgId: string;

beforeAll(async () => {
  t = await createMigratedDb();
  demo = await seed(t.db);
  orgId = demo.orgs.acme!.id;
  await t.db.orgSettings.update({ where: { orgId }, data: { requireSecondAdminForAdminReset: true } });
});
afterAll(() => t?.close());

// What a System Administrator holds: allowed to decide every kind of request.
const ADMIN_PERMISSIONS = new Set<Permission>(["MANAGE_USERS", "MANAGE_MFA", "VIEW_VERIFICATION_ACTIVITY"]);
const as = (username: string) => ({ orgDb: forOrg(t.db, orgId), orgId, actor: { id: demo.users[username]!.id }, context: ctx });
const approve = (approver: string, requestId: string) =>
  decideApproval({ deciderPermissions: ADMIN_PERMISSIONS, ...as(approver), actorId: demo.users[approver]!.id, requestId, approve: true });
const pendingRequest = (userId: string) => t.db.mfaResetApproval.findFirst({ where: { targetUserId: userId, status: "PENDING" } });

/** A System Administrator with an authenticator app and a security key: what the policy protects. */
async function adminTarget(prefix: string) {
  const user = await createTestUser(t.db, { prefix, profile: "System Administrator", totp: true });
  await t.db.webAuthnCredential.create({
    data: { orgId, userId: user.id, name: "Key", credentialId: `${user.id}-key`, publicKey: Buffer.from([1]), deviceType: "singleDevice" },
  });
  return user;
}

describe("second-administrator approval", () => {
  it("turns a delegate's temporary code for an administrator into a request; the approver alone sees the code", async () => {
    const target = await adminTarget("approval-temp");
    const asked = await generateTempCode({ ...as("delegate@acme.test"), targetUserId: target.id, expiresInHours: 2, maxUses: 1, reason: "Lost phone" });
    expect(asked).toEqual({ ok: true, pendingApproval: true });
    expect(await t.db.tempCode.count({ where: { userId: target.id } })).toBe(0);
    const request = (await pendingRequest(target.id))!;
    expect(request).toMatchObject({ action: "TEMP_CODE", params: { expiresInHours: 2, maxUses: 1 } });

    const decided = await approve("admin@acme.test", request.id);
    if (!decided.ok || !decided.code) throw new Error("no code for the approver");
    expect(await t.db.tempCode.findFirst({ where: { userId: target.id } })).toMatchObject({ createdById: demo.users["admin@acme.test"]!.id, maxUses: 1 });
    // The code works at login, once.
    const pendingToken = await passwordStepTo(t.db, target.username, "TEMP_CODE");
    expect(await verifyTempCodeAtLogin(t.db, { pendingToken, code: decided.code, context: ctx })).toMatchObject({ ok: true });
  });

  it("makes Disconnect of each method a request, one at a time, applied only on approval", async () => {
    const target = await adminTarget("approval-disconnect");
    const app = await t.db.totpFactor.findFirstOrThrow({ where: { userId: target.id } });
    const key = await t.db.webAuthnCredential.findFirstOrThrow({ where: { userId: target.id } });
    expect(
      await disconnectMethod({ ...as("delegate@acme.test"), targetUserId: target.id, method: { type: "TOTP", id: app.id }, reason: "Lost" }),
    ).toMatchObject({ ok: true, pendingApproval: true });
    // The next method cannot be taken one by one meanwhile.
    expect(await disconnectMethod({ ...as("delegate@acme.test"), targetUserId: target.id, method: { type: "WEBAUTHN", id: key.id }, reason: "Lost" })).toEqual({
      ok: false,
      code: "RESET_ALREADY_REQUESTED",
    });
    expect(await t.db.totpFactor.count({ where: { userId: target.id } })).toBe(1);
    expect(await t.db.webAuthnCredential.count({ where: { userId: target.id } })).toBe(1);
    // The requester cannot approve their own request.
    const request = (await pendingRequest(target.id))!;
    expect(await approve("delegate@acme.test", request.id)).toEqual({ ok: false, code: "SECOND_ADMIN_REQUIRED" });
    expect(await approve("admin@acme.test", request.id)).toEqual({ ok: true, decided: "approved" });
    expect(await t.db.totpFactor.count({ where: { userId: target.id } })).toBe(0);
    expect(await t.db.webAuthnCredential.count({ where: { userId: target.id } })).toBe(1);
    expect(await t.db.verificationEvent.findFirst({ where: { userId: target.id, activity: "METHOD_DISCONNECTED" } })).toMatchObject({
      actorId: demo.users["admin@acme.test"]!.id,
      detail: { requestId: request.id, decision: "approved" },
    });
  });

  it("sees through a demotion: demote, reset at once and promote back is still a request", async () => {
    const target = await adminTarget("approval-demote");
    const standard = await t.db.profile.findFirstOrThrow({ where: { orgId, name: "Standard User" } });
    const admins = await t.db.profile.findFirstOrThrow({ where: { orgId, name: "System Administrator" } });
    const admin = demo.users["admin@acme.test"]!;
    const adminPermissions = effectivePermissions(await t.db.user.findUniqueOrThrow({ where: { id: admin.id }, include: { profile: true } }));
    const edit = (profileId: string) =>
      updateUser({
        ...as("admin@acme.test"),
        targetUserId: target.id,
        actorPermissions: adminPermissions,
        input: { name: target.name, profileId, extraPermissions: [] },
      });
    expect(await edit(standard.id)).toEqual({ ok: true });
    expect(await resetMfa({ ...as("admin@acme.test"), targetUserId: target.id, reason: "Demoted, so quick" })).toEqual({ ok: true, pendingApproval: true });
    expect(await t.db.totpFactor.count({ where: { userId: target.id } })).toBe(1);
    expect(await edit(admins.id)).toEqual({ ok: true });
    // Nor does a pending request lapse with the profile: it still needs the second administrator.
    expect(await resetMfa({ ...as("admin@acme.test"), targetUserId: target.id, reason: "again" })).toEqual({ ok: false, code: "RESET_ALREADY_REQUESTED" });
  });

  it("asks for approval per administrator in a bulk reset, and resets the others at once", async () => {
    const target = await adminTarget("approval-bulk");
    const plain = await createTestUser(t.db, { prefix: "approval-bulk-plain", totp: true });
    const results = await bulkUserAction({ ...as("admin@acme.test"), action: "reset-mfa", userIds: [target.id, plain.id], reason: "Offboarding test" });
    expect(results.map((r) => [r.userId, r.ok, r.message])).toEqual([
      [target.id, true, "Reset requested: waiting for a second administrator"],
      [plain.id, true, "MFA reset"],
    ]);
    expect(await t.db.totpFactor.count({ where: { userId: target.id } })).toBe(1);
    expect(await t.db.totpFactor.count({ where: { userId: plain.id } })).toBe(0);
  });

  it("leaves a request pending when its change can no longer be made", async () => {
    const target = await adminTarget("approval-stale");
    const asked = await generateTempCode({ ...as("delegate@acme.test"), targetUserId: target.id, expiresInHours: 1, maxUses: null, reason: "Lost" });
    expect(asked).toMatchObject({ pendingApproval: true });
    await t.db.user.update({ where: { id: target.id }, data: { isActive: false } });
    const request = (await pendingRequest(target.id))!;
    expect(await approve("admin@acme.test", request.id)).toEqual({ ok: false, code: "TARGET_INACTIVE" });
    expect(await pendingRequest(target.id)).toMatchObject({ id: request.id });
    expect(
      await decideApproval({
        deciderPermissions: ADMIN_PERMISSIONS,
        ...as("admin@acme.test"),
        actorId: demo.users["admin@acme.test"]!.id,
        requestId: request.id,
        approve: false,
      }),
    ).toEqual({ ok: true, decided: "denied" });
  });

  it.skipIf(usePglite)("lets exactly one of two administrators approving at once win", async () => {
    const target = await adminTarget("approval-race");
    await resetMfa({ ...as("delegate@acme.test"), targetUserId: target.id, reason: "Lost" });
    const request = (await pendingRequest(target.id))!;
    const second = await createTestUser(t.db, { prefix: "approval-second", profile: "System Administrator" });
    const [a, b] = await Promise.all([
      approve("admin@acme.test", request.id),
      decideApproval({ deciderPermissions: ADMIN_PERMISSIONS, ...as("admin@acme.test"), actorId: second.id, requestId: request.id, approve: true }),
    ]);
    expect([a, b].filter((r) => r.ok)).toHaveLength(1);
    expect(await t.db.verificationEvent.count({ where: { userId: target.id, activity: "MFA_RESET" } })).toBe(1);
  });

  it.skipIf(usePglite)(
    "holds for the break-glass CLI, until the operator turns the policy off as its own logged step",
    async () => {
      const target = await adminTarget("approval-cli");
      const cli = (...args: string[]) => run("node_modules/.bin/tsx", ["scripts/mfa-cli.ts", ...args], { env: { ...process.env, DATABASE_URL: t.url! } });
      const asked = await cli("reset", target.username, "--reason", "only admin locked out");
      expect(asked.stdout).toContain("requested");
      expect(await pendingRequest(target.id)).toMatchObject({ requestedById: null, requestedByLabel: "operator (CLI)", action: "RESET_MFA" });
      expect(await t.db.totpFactor.count({ where: { userId: target.id } })).toBe(1);

      await cli("second-admin-approval", "off", "--org", "acme", "--reason", "no second administrator");
      expect(await t.db.verificationEvent.findFirst({ where: { orgId, activity: "SETTINGS_CHANGED", actorLabel: "operator (CLI)" } })).toMatchObject({
        detail: { requireSecondAdminForAdminReset: { from: true, to: false } },
      });
      expect((await cli("reset", target.username, "--reason", "policy off now")).stdout).toContain("MFA reset for");
      expect(await t.db.totpFactor.count({ where: { userId: target.id } })).toBe(0);
      await t.db.orgSettings.update({ where: { orgId }, data: { requireSecondAdminForAdminReset: true } });
    },
    60_000,
  );
});
