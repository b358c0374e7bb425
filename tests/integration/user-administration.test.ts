// SPEC A8, S1–S4, T4, A10, T1: creating, editing, deactivating users; org security settings and
// profile login levels — each with one event, scoped to the caller's org.
import "../helpers/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { ctx, seed } from "../helpers/demo";
import { forOrg } from "@/lib/db/tenant";
import { activateAccount } from "@/lib/activation/activate-account";
import { sha256Hex } from "@/lib/security/tokens";
import { createUser } from "@/lib/users/create-user";
import { updateUser } from "@/lib/users/update-user";
import { setUserActive } from "@/lib/users/set-user-active";
import { updateSecuritySettings, securitySettingsSchema } from "@/lib/orgs/security-settings";
import { setProfileLoginLevel } from "@/lib/orgs/set-profile-login-level";
import { startPasswordLogin } from "@/lib/auth/start-login";
import { verifyPassword } from "@/lib/auth/password";
import type { Permission } from "@db/generated";

let t: TestDb;
let demo: Awaited<ReturnType<typeof seed>>;

beforeAll(async () => {
  t = await createMigratedDb();
  demo = await seed(t.db);
});
afterAll(() => t?.close());

const admin = () => demo.users["admin@acme.test"]!;
const ADMIN_PERMISSIONS = new Set(["MANAGE_USERS", "MANAGE_MFA", "VIEW_VERIFICATION_ACTIVITY"] as const);
const scoped = () => ({
  orgDb: forOrg(t.db, admin().orgId),
  orgId: admin().orgId,
  actor: { id: admin().id },
  actorPermissions: new Set(ADMIN_PERMISSIONS) as Set<Permission>,
  context: ctx,
});
const events = () => t.db.verificationEvent.count();

describe("user administration", () => {
  it("creates a user without a password, with a one-time activation link where they set their own, and refuses another org's profile", async () => {
    const profileId = demo.users["bob@acme.test"]!.profileId;
    const before = await events();
    const created = await createUser({ ...scoped(), input: { name: "Nina New", username: "nina@acme.test", profileId, extraPermissions: [] } });
    if (!created.ok) throw new Error(created.code);
    expect(created.activationLink.url).toMatch(/^http:\/\/localhost:\d+\/activate\/[A-Za-z0-9_-]{43}$/);
    expect(await events()).toBe(before + 1);
    const row = await t.db.user.findUniqueOrThrow({ where: { id: created.userId } });
    // No password exists until the user sets one: nothing the admin saw can log in.
    expect(row.passwordHash).toBe("");
    expect(await verifyPassword(row.passwordHash, "")).toBe(false);
    const token = created.activationLink.url.split("/").at(-1)!;
    const link = await t.db.activationLink.findFirstOrThrow({ where: { userId: created.userId } });
    expect(link.tokenHash).toBe(sha256Hex(token));
    expect(link.tokenHash).not.toContain(token);
    const activated = await activateAccount(t.db, { token, password: "nina sets her own phrase", confirm: "nina sets her own phrase", context: ctx });
    expect(activated).toMatchObject({ ok: true, next: "ENROLL" });
    expect(await startPasswordLogin(t.db, { username: "nina@acme.test", password: "nina sets her own phrase", context: ctx })).toMatchObject({
      ok: true,
      next: "ENROLL",
    });

    const globexProfile = demo.users["admin@globex.test"]!.profileId;
    expect(await createUser({ ...scoped(), input: { name: "X", username: "x@acme.test", profileId: globexProfile, extraPermissions: [] } })).toEqual({
      ok: false,
      code: "PROFILE_NOT_FOUND",
    });
    // A username taken anywhere is refused without saying where.
    expect(await createUser({ ...scoped(), input: { name: "Y", username: "admin@globex.test", profileId, extraPermissions: [] } })).toEqual({
      ok: false,
      code: "USERNAME_UNAVAILABLE",
    });
  });

  it("edits profile and extra permissions with the changes in the event; admins cannot change their own rights", async () => {
    const alice = demo.users["alice@acme.test"]!;
    const supportProfile = demo.users["support@acme.test"]!.profileId;
    expect(
      await updateUser({
        ...scoped(),
        targetUserId: alice.id,
        input: { name: "Alice Anders", profileId: supportProfile, extraPermissions: ["MFA_FOR_UI_LOGINS"] },
      }),
    ).toEqual({ ok: true });
    const event = await t.db.verificationEvent.findFirstOrThrow({ where: { activity: "USER_UPDATED" }, orderBy: { id: "desc" } });
    expect(event.detail).toMatchObject({ profile: { from: "Standard User", to: "Support Agent" }, extraPermissions: { from: [], to: ["MFA_FOR_UI_LOGINS"] } });
    expect(await updateUser({ ...scoped(), targetUserId: admin().id, input: { name: "Ada Admin", profileId: supportProfile, extraPermissions: [] } })).toEqual({
      ok: false,
      code: "SELF_ACTION",
    });
    expect(
      await updateUser({ ...scoped(), targetUserId: admin().id, input: { name: "Ada A. Admin", profileId: admin().profileId, extraPermissions: [] } }),
    ).toEqual({ ok: true });
  });

  it("never hands out rights the caller does not hold (no escalation through profiles)", async () => {
    const usersOnly = new Set<Permission>(["MANAGE_USERS"]);
    const adminProfile = admin().profileId;
    expect(
      await createUser({
        ...scoped(),
        actorPermissions: usersOnly,
        input: { name: "Eve", username: "eve@acme.test", profileId: adminProfile, extraPermissions: [] },
      }),
    ).toEqual({
      ok: false,
      code: "PERMISSION_ESCALATION",
    });
    const bob = demo.users["bob@acme.test"]!;
    expect(
      await updateUser({
        ...scoped(),
        actorPermissions: usersOnly,
        targetUserId: bob.id,
        input: { name: "Bob Brown", profileId: adminProfile, extraPermissions: [] },
      }),
    ).toEqual({
      ok: false,
      code: "PERMISSION_ESCALATION",
    });
    // Extra permissions that only restrict (MFA at every login, Api Only) are fine to give.
    expect(
      await updateUser({
        ...scoped(),
        actorPermissions: usersOnly,
        targetUserId: bob.id,
        input: { name: "Bob Brown", profileId: bob.profileId, extraPermissions: ["MFA_FOR_UI_LOGINS"] },
      }),
    ).toEqual({ ok: true });
    await t.db.user.update({ where: { id: bob.id }, data: { extraPermissions: [] } });
  });

  it("deactivation ends sessions and the temp code; reactivation lets the user back", async () => {
    const bob = demo.users["bob@acme.test"]!;
    await t.db.session.create({
      data: {
        orgId: bob.orgId,
        userId: bob.id,
        tokenHash: "bob-session",
        level: "STANDARD",
        loginMethod: "PASSWORD",
        expiresAt: new Date(Date.now() + 3_600_000),
      },
    });
    await t.db.tempCode.create({ data: { orgId: bob.orgId, userId: bob.id, codeHash: "h", reason: "r", expiresAt: new Date(Date.now() + 3_600_000) } });
    expect(await setUserActive({ ...scoped(), targetUserId: bob.id, active: false })).toEqual({ ok: true });
    expect(await t.db.session.count({ where: { userId: bob.id, revokedAt: null } })).toBe(0);
    expect(await t.db.tempCode.count({ where: { userId: bob.id, expiredAt: null } })).toBe(0);
    expect(await setUserActive({ ...scoped(), targetUserId: bob.id, active: false })).toEqual({ ok: false, code: "ALREADY_INACTIVE" });
    expect(await setUserActive({ ...scoped(), targetUserId: bob.id, active: true })).toEqual({ ok: true });
    expect(await setUserActive({ ...scoped(), targetUserId: admin().id, active: false })).toEqual({ ok: false, code: "SELF_ACTION" });
    expect(await setUserActive({ ...scoped(), targetUserId: demo.users["admin@globex.test"]!.id, active: false })).toEqual({ ok: false, code: "NOT_FOUND" });
  });

  it("changes security settings with one event listing what changed, and validates ranges", async () => {
    const current = await t.db.orgSettings.findUniqueOrThrow({ where: { orgId: admin().orgId } });
    const input = securitySettingsSchema.parse({
      ...current,
      requireMfaForUiLogins: "on",
      lockoutMaxAttempts: "5",
      historyRequiresHighAssurance: "",
      requireSecondAdminForAdminReset: "",
    });
    const before = await events();
    expect(await updateSecuritySettings({ ...scoped(), input })).toEqual({ ok: true, changed: ["lockoutMaxAttempts"] });
    expect(await events()).toBe(before + 1);
    expect((await t.db.orgSettings.findUniqueOrThrow({ where: { orgId: admin().orgId } })).lockoutMaxAttempts).toBe(5);
    // Globex is untouched.
    expect((await t.db.orgSettings.findUniqueOrThrow({ where: { orgId: demo.orgs.globex!.id } })).lockoutMaxAttempts).toBe(10);
    expect(securitySettingsSchema.safeParse({ ...current, tempCodeMaxHours: "25" }).success).toBe(false);
    expect(securitySettingsSchema.safeParse({ ...current, lockoutMaxAttempts: "abc" }).success).toBe(false);
  });

  it("requires High Assurance at login for a profile (T4) and logs it", async () => {
    const profile = await t.db.profile.findFirstOrThrow({ where: { orgId: admin().orgId, name: "Standard User" } });
    await t.db.orgSettings.update({ where: { orgId: admin().orgId }, data: { requireMfaForUiLogins: false } });
    expect(await startPasswordLogin(t.db, { username: "bob@acme.test", password: "demo-password-1", context: ctx })).toMatchObject({
      ok: true,
      next: "session",
    });
    expect(await setProfileLoginLevel({ ...scoped(), profileId: profile.id, level: "HIGH_ASSURANCE" })).toEqual({ ok: true });
    expect(await startPasswordLogin(t.db, { username: "bob@acme.test", password: "demo-password-1", context: ctx })).toMatchObject({
      ok: true,
      next: "ENROLL",
    });
    const globexProfile = demo.users["admin@globex.test"]!.profileId;
    expect(await setProfileLoginLevel({ ...scoped(), profileId: globexProfile, level: "HIGH_ASSURANCE" })).toEqual({ ok: false, code: "PROFILE_NOT_FOUND" });
  });
});
