// SPEC W1–W4 (issue 10): no password an admin has seen stays valid. Activation links are single
// use under racing requests, expire, and give way to a newer link; Reset password ends sessions
// and logins in progress, keeps the methods, and follows the B3 approval rule; Change password
// checks the current one, ends the other sessions and is throttled; the W4 rules hold for both.
import "../helpers/env";
import { spawn } from "node:child_process";
import { hash as argon2Hash, argon2id } from "argon2";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { ctx, DEMO_PASSWORD, seed } from "../helpers/demo";
import { createTestUser } from "../helpers/users";
import { sessionFor } from "../helpers/sessions";
import { usePglite } from "../helpers/pg";
import { forOrg } from "@/lib/db/tenant";
import type { Permission } from "@db/generated";
import { createUser } from "@/lib/users/create-user";
import { resetPassword } from "@/lib/users/reset-password";
import { bulkUserAction } from "@/lib/users/bulk-user-action";
import { decideApproval } from "@/lib/mfa/admin/decide-approval";
import { activateAccount } from "@/lib/activation/activate-account";
import { readActivationLink } from "@/lib/activation/read-activation-link";
import { changeMyPassword } from "@/lib/account/change-my-password";
import { startPasswordLogin } from "@/lib/auth/start-login";
import { ARGON2_MEMORY_KIB, ARGON2_TIME_COST_PASSES, needsRehash, verifyPassword } from "@/lib/auth/password";
import { RATE_LIMITS } from "@/lib/security/rate-limits";

let t: TestDb;
let demo: Awaited<ReturnType<typeof seed>>;
const ADMIN_PERMISSIONS = new Set<Permission>(["MANAGE_USERS", "MANAGE_MFA", "VIEW_VERIFICATION_ACTIVITY"]);
const GOOD = "lantern orbit velvet canyon";

beforeAll(async () => {
  t = await createMigratedDb();
  demo = await seed(t.db);
});
afterAll(() => t?.close());

const acme = () => demo.users["admin@acme.test"]!.orgId;
const as = (username: string) => ({ orgDb: forOrg(t.db, acme()), orgId: acme(), actor: { id: demo.users[username]!.id }, context: ctx });
const tokenOf = (url: string) => url.split("/").at(-1)!;
const userRow = (id: string) => t.db.user.findUniqueOrThrow({ where: { id } });

async function newUserLink(prefix: string): Promise<{ userId: string; token: string }> {
  const profileId = demo.users["bob@acme.test"]!.profileId;
  const created = await createUser({
    ...as("admin@acme.test"),
    actorPermissions: ADMIN_PERMISSIONS,
    input: { name: `${prefix} New`, username: `${prefix}-${Date.now()}@acme.test`, profileId, extraPermissions: [] },
  });
  if (!created.ok) throw new Error(created.code);
  return { userId: created.userId, token: tokenOf(created.activationLink.url) };
}

describe("activation links (W1)", () => {
  it.skipIf(usePglite)("give one success to 20 concurrent uses of one link; the others are told it was used", async () => {
    const { userId, token } = await newUserLink("race");
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => activateAccount(t.db, { token, password: `${GOOD} ${i}`, confirm: `${GOOD} ${i}`, context: ctx })),
    );
    const won = answers.filter((a) => a.ok);
    expect(won).toHaveLength(1);
    expect(answers.filter((a) => !a.ok).map((a) => (a.ok ? null : a.code))).toEqual(Array(19).fill("ACTIVATION_LINK_USED"));
    expect(await t.db.verificationEvent.count({ where: { userId, activity: "ACCOUNT_ACTIVATED" } })).toBe(1);
    // The password stored is the one of the winning request, and only it logs in.
    const winner = answers.findIndex((a) => a.ok);
    expect(await verifyPassword((await userRow(userId)).passwordHash, `${GOOD} ${winner}`)).toBe(true);
    expect(await verifyPassword((await userRow(userId)).passwordHash, `${GOOD} ${(winner + 1) % 20}`)).toBe(false);
  });

  it("refuse a password that breaks a rule and stay usable; then the next step is registering MFA (L3)", async () => {
    const { userId, token } = await newUserLink("rules");
    const user = await userRow(userId);
    for (const [password, problem] of [
      ["short pass", "TOO_SHORT"],
      ["password1234", "COMMON"],
      [user.username, "IS_USERNAME"],
      ["Acme", "IS_ORG_NAME"],
    ] as const) {
      const answer = await activateAccount(t.db, { token, password, confirm: password, context: ctx });
      expect(answer).toMatchObject({ ok: false, code: "PASSWORD_NOT_ACCEPTED", problems: expect.arrayContaining([problem]) });
    }
    expect(await activateAccount(t.db, { token, password: GOOD, confirm: `${GOOD}!`, context: ctx })).toMatchObject({ problems: ["MISMATCH"] });
    expect((await userRow(userId)).passwordHash).toBe("");
    expect(await readActivationLink(t.db, { token })).toMatchObject({ ok: true, target: { userId, purpose: "NEW_USER", passwordMinLength: 12 } });

    expect(await activateAccount(t.db, { token, password: GOOD, confirm: GOOD, context: ctx })).toMatchObject({ ok: true, next: "ENROLL" });
    expect(await readActivationLink(t.db, { token })).toEqual({ ok: false, code: "ACTIVATION_LINK_USED" });
    expect(await activateAccount(t.db, { token, password: `${GOOD} again`, confirm: `${GOOD} again`, context: ctx })).toEqual({
      ok: false,
      code: "ACTIVATION_LINK_USED",
    });
  });

  it("follow the org's shortest-password setting", async () => {
    await t.db.orgSettings.update({ where: { orgId: acme() }, data: { passwordMinLength: 20 } });
    try {
      const { token } = await newUserLink("minlen");
      expect(await activateAccount(t.db, { token, password: "amber lantern 42", confirm: "amber lantern 42", context: ctx })).toMatchObject({
        problems: ["TOO_SHORT"],
        minLength: 20,
      });
      expect(await activateAccount(t.db, { token, password: GOOD, confirm: GOOD, context: ctx })).toMatchObject({ ok: true });
    } finally {
      await t.db.orgSettings.update({ where: { orgId: acme() }, data: { passwordMinLength: 12 } });
    }
  });

  it("expire after the org's validity, and a newer link replaces the older one", async () => {
    const { userId, token } = await newUserLink("expiry");
    const link = await t.db.activationLink.findFirstOrThrow({ where: { userId } });
    expect(link.expiresAt.getTime() - link.createdAt.getTime()).toBeGreaterThan(72 * 3_600_000 - 5_000);
    const later = link.expiresAt.getTime() + 1;
    expect(await readActivationLink(t.db, { token, nowMs: later })).toEqual({ ok: false, code: "ACTIVATION_LINK_EXPIRED" });
    expect(await activateAccount(t.db, { token, password: GOOD, confirm: GOOD, context: ctx, nowMs: later })).toEqual({
      ok: false,
      code: "ACTIVATION_LINK_EXPIRED",
    });

    const reset = await resetPassword({ ...as("admin@acme.test"), targetUserId: userId, reason: "New link" });
    if (!reset.ok || reset.pendingApproval) throw new Error("no link");
    expect(await readActivationLink(t.db, { token })).toEqual({ ok: false, code: "ACTIVATION_LINK_USED" });
    expect(await readActivationLink(t.db, { token: tokenOf(reset.link.url) })).toMatchObject({ ok: true, target: { purpose: "PASSWORD_RESET" } });
    expect(await readActivationLink(t.db, { token: "not-a-token" })).toEqual({ ok: false, code: "ACTIVATION_LINK_INVALID" });
    expect(await readActivationLink(t.db, { token: "A".repeat(43) })).toEqual({ ok: false, code: "ACTIVATION_LINK_INVALID" });
  });
});

describe("Reset password (W2)", () => {
  it("ends the password, the sessions and logins in progress; the methods stay and the new link leads to them", async () => {
    const user = await createTestUser(t.db, { prefix: "reset", totp: true });
    const session = await sessionFor(t.db, user);
    const pending = await startPasswordLogin(t.db, { username: user.username, password: DEMO_PASSWORD, context: ctx });
    expect(pending).toMatchObject({ ok: true, next: "TOTP" });

    const reset = await resetPassword({ ...as("admin@acme.test"), targetUserId: user.id, reason: "Forgot password, called back" });
    if (!reset.ok || reset.pendingApproval) throw new Error("not reset");
    expect(reset.sessionsRevoked).toBe(1);
    expect((await t.db.session.findUniqueOrThrow({ where: { id: session.id } })).revokedReason).toBe("password-reset");
    expect(await t.db.pendingLogin.count({ where: { userId: user.id, consumedAt: null } })).toBe(0);
    expect(await t.db.totpFactor.count({ where: { userId: user.id } })).toBe(1);
    expect(await startPasswordLogin(t.db, { username: user.username, password: DEMO_PASSWORD, context: ctx })).toEqual({
      ok: false,
      code: "INVALID_CREDENTIALS",
    });
    const event = await t.db.verificationEvent.findFirstOrThrow({ where: { userId: user.id, activity: "PASSWORD_RESET" } });
    expect(event).toMatchObject({
      actorId: demo.users["admin@acme.test"]!.id,
      status: "SUCCEEDED",
      detail: { reason: "Forgot password, called back", sessionsRevoked: 1 },
    });
    expect(JSON.stringify(event.detail)).not.toContain(tokenOf(reset.link.url));

    // Whoever holds the link still has to pass the user's second factor.
    expect(await activateAccount(t.db, { token: tokenOf(reset.link.url), password: GOOD, confirm: GOOD, context: ctx })).toMatchObject({
      ok: true,
      next: "TOTP",
    });
  });

  it("refuses your own account and another org's user, changing nothing", async () => {
    const admin = demo.users["admin@acme.test"]!;
    expect(await resetPassword({ ...as("admin@acme.test"), targetUserId: admin.id, reason: "x" })).toEqual({ ok: false, code: "SELF_ACTION" });
    const gus = demo.users["admin@globex.test"]!;
    expect(await resetPassword({ ...as("admin@acme.test"), targetUserId: gus.id, reason: "x" })).toEqual({ ok: false, code: "NOT_FOUND" });
    expect((await userRow(gus.id)).passwordHash).toBe(gus.passwordHash);
    expect(await t.db.activationLink.count({ where: { userId: gus.id } })).toBe(0);
    expect(await resetPassword({ ...as("admin@acme.test"), targetUserId: demo.users["bob@acme.test"]!.id, reason: "  " })).toEqual({
      ok: false,
      code: "REASON_REQUIRED",
    });
  });

  it("of an administrator with the approval policy on is a request; the approver gets the link", async () => {
    await t.db.orgSettings.update({ where: { orgId: acme() }, data: { requireSecondAdminForAdminReset: true } });
    try {
      const target = await createTestUser(t.db, { prefix: "admin-reset", profile: "System Administrator", totp: true });
      const second = await createTestUser(t.db, { prefix: "second", profile: "System Administrator" });
      const asked = await resetPassword({ ...as("admin@acme.test"), targetUserId: target.id, reason: "Forgot password" });
      expect(asked).toEqual({ ok: true, pendingApproval: true });
      expect((await userRow(target.id)).passwordHash).toBe(target.passwordHash);
      const request = await t.db.mfaResetApproval.findFirstOrThrow({ where: { targetUserId: target.id, status: "PENDING" } });
      expect(request.action).toBe("RESET_PASSWORD");
      // An MFA delegate may decide MFA requests, not password resets.
      const delegate = demo.users["delegate@acme.test"]!;
      expect(
        await decideApproval({
          ...as("delegate@acme.test"),
          actorId: delegate.id,
          deciderPermissions: new Set<Permission>(["MANAGE_MFA"]),
          requestId: request.id,
          approve: true,
        }),
      ).toEqual({ ok: false, code: "FORBIDDEN" });
      const decided = await decideApproval({
        ...as("admin@acme.test"),
        actorId: second.id,
        deciderPermissions: ADMIN_PERMISSIONS,
        requestId: request.id,
        approve: true,
      });
      if (!decided.ok || !decided.activationLink) throw new Error("no link for the approver");
      expect((await userRow(target.id)).passwordHash).toBe("");
      expect(await readActivationLink(t.db, { token: tokenOf(decided.activationLink.url) })).toMatchObject({ ok: true, target: { userId: target.id } });
    } finally {
      await t.db.orgSettings.update({ where: { orgId: acme() }, data: { requireSecondAdminForAdminReset: false } });
    }
  });

  it("in bulk gives each user its own link, and another org's user is not found", async () => {
    const a = await createTestUser(t.db, { prefix: "bulk-a" });
    const b = await createTestUser(t.db, { prefix: "bulk-b" });
    const gus = demo.users["admin@globex.test"]!;
    const results = await bulkUserAction({ ...as("admin@acme.test"), action: "reset-password", userIds: [a.id, b.id, gus.id], reason: "Offboarding review" });
    expect(results.map((r) => [r.userId, r.ok])).toEqual([
      [a.id, true],
      [b.id, true],
      [gus.id, false],
    ]);
    const [la, lb] = [results[0]!.activationLink!.url, results[1]!.activationLink!.url];
    expect(la).not.toBe(lb);
    expect(await readActivationLink(t.db, { token: tokenOf(la) })).toMatchObject({ ok: true, target: { userId: a.id } });
    expect(await readActivationLink(t.db, { token: tokenOf(lb) })).toMatchObject({ ok: true, target: { userId: b.id } });
    expect(results[2]).toMatchObject({ ok: false, message: "Not found." });
  });

  it.skipIf(usePglite)(
    "works from the break-glass CLI, which prints the link",
    async () => {
      const user = await createTestUser(t.db, { prefix: "cli-reset" });
      const out = await new Promise<string>((resolve, reject) => {
        const child = spawn("node_modules/.bin/tsx", ["scripts/mfa-cli.ts", "reset-password", user.username, "--reason", "help desk call"], {
          env: { ...process.env, DATABASE_URL: t.url! },
        });
        let text = "";
        child.stdout.on("data", (d) => (text += d));
        child.stderr.on("data", (d) => (text += d));
        child.on("error", reject);
        child.on("close", (code) => (code === 0 ? resolve(text) : reject(new Error(`exit ${code}: ${text}`))));
      });
      const url = /https?:\/\/\S+\/activate\/[A-Za-z0-9_-]{43}/.exec(out)?.[0];
      expect(url).toBeDefined();
      expect(await readActivationLink(t.db, { token: tokenOf(url!) })).toMatchObject({ ok: true, target: { userId: user.id } });
      expect(await t.db.verificationEvent.findFirst({ where: { userId: user.id, activity: "PASSWORD_RESET" } })).toMatchObject({
        actorLabel: "operator (CLI)",
      });
    },
    60_000,
  );
});

describe("Change password (W3)", () => {
  const me = (user: { id: string; orgId: string; username: string }) => ({
    orgDb: forOrg(t.db, user.orgId),
    me: { id: user.id, orgId: user.orgId, username: user.username },
    context: ctx,
  });

  it("needs the current password, keeps this session, ends the others, and follows the rules", async () => {
    const user = await createTestUser(t.db, { prefix: "change", totp: true });
    const here = await sessionFor(t.db, user, { level: "HIGH_ASSURANCE" });
    const elsewhere = await sessionFor(t.db, user);
    const change = (currentPassword: string, newPassword: string, confirm = newPassword) =>
      changeMyPassword({ ...me(user), currentSessionId: here.id, currentPassword, newPassword, confirm });

    expect(await change("wrong password", GOOD)).toEqual({ ok: false, code: "CURRENT_PASSWORD_WRONG" });
    expect(await change(DEMO_PASSWORD, "qwerty123456")).toMatchObject({ code: "PASSWORD_NOT_ACCEPTED", problems: ["COMMON"] });
    expect(await change(DEMO_PASSWORD, DEMO_PASSWORD)).toMatchObject({ code: "PASSWORD_NOT_ACCEPTED", problems: ["SAME_AS_CURRENT"] });
    expect((await userRow(user.id)).passwordHash).toBe(user.passwordHash);

    expect(await change(DEMO_PASSWORD, GOOD)).toEqual({ ok: true, sessionsEnded: 1 });
    expect((await t.db.session.findUniqueOrThrow({ where: { id: here.id } })).revokedAt).toBeNull();
    expect((await t.db.session.findUniqueOrThrow({ where: { id: elsewhere.id } })).revokedReason).toBe("password-changed");
    expect(await startPasswordLogin(t.db, { username: user.username, password: DEMO_PASSWORD, context: ctx })).toEqual({
      ok: false,
      code: "INVALID_CREDENTIALS",
    });
    expect(await startPasswordLogin(t.db, { username: user.username, password: GOOD, context: ctx })).toMatchObject({ ok: true, next: "TOTP" });
    const events = await t.db.verificationEvent.findMany({ where: { userId: user.id, activity: "PASSWORD_CHANGED" }, orderBy: { occurredAt: "asc" } });
    expect(events.map((e) => e.status)).toEqual(["FAILED", "SUCCEEDED"]);
  });

  it("throttles wrong current passwords per user", async () => {
    const user = await createTestUser(t.db, { prefix: "change-throttle" });
    const here = await sessionFor(t.db, user, { level: "HIGH_ASSURANCE" });
    const { maxHits } = RATE_LIMITS.CURRENT_PASSWORD_FAILURES_PER_USER;
    for (let i = 0; i < maxHits; i++) {
      expect(await changeMyPassword({ ...me(user), currentSessionId: here.id, currentPassword: `guess ${i}`, newPassword: GOOD, confirm: GOOD })).toMatchObject(
        { code: "CURRENT_PASSWORD_WRONG" },
      );
    }
    expect(await changeMyPassword({ ...me(user), currentSessionId: here.id, currentPassword: DEMO_PASSWORD, newPassword: GOOD, confirm: GOOD })).toMatchObject({
      ok: false,
      code: "RATE_LIMITED",
    });
    expect((await userRow(user.id)).passwordHash).toBe(user.passwordHash);
  });
});

describe("argon2id parameters (W4, L1)", () => {
  it("rehashes a password hashed with older parameters at the next successful login", async () => {
    const user = await createTestUser(t.db, { prefix: "rehash" });
    const old = await argon2Hash(DEMO_PASSWORD, { type: argon2id, memoryCost: 8_192, timeCost: 1, parallelism: 1 });
    await t.db.user.update({ where: { id: user.id }, data: { passwordHash: old } });
    expect(needsRehash(old)).toBe(true);
    expect(await startPasswordLogin(t.db, { username: user.username, password: DEMO_PASSWORD, context: ctx })).toMatchObject({ ok: true });
    const stored = (await userRow(user.id)).passwordHash;
    expect(stored).not.toBe(old);
    expect(stored).toContain(`m=${ARGON2_MEMORY_KIB},t=${ARGON2_TIME_COST_PASSES},p=1`);
    expect(needsRehash(stored)).toBe(false);
    expect(await verifyPassword(stored, DEMO_PASSWORD)).toBe(true);
  });

  it("a user waiting for activation costs the same argon2 work as a wrong password", async () => {
    const real = (await userRow(demo.users["bob@acme.test"]!.id)).passwordHash;
    const time = async (stored: string) => {
      const started = process.hrtime.bigint();
      await verifyPassword(stored, "some guess");
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    await time(""); // the dummy hash is made on first use
    const empty: number[] = [];
    const wrong: number[] = [];
    for (let i = 0; i < 7; i++) {
      empty.push(await time(""));
      wrong.push(await time(real));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[3]!;
    expect(median(empty)).toBeGreaterThan(median(wrong) * 0.5);
  });
});
