// SPEC L10, B5: "Verify your identity" raises a signed-in session to High Assurance for the org's
// window — with the user's own authenticator app (a step accepted once per user, also against
// logins) or a recovery code (single use) — and every attempt is exactly one STEP_UP event.
import "../helpers/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { ctx, demoCode, passwordStep, seed } from "../helpers/demo";
import { usePglite } from "../helpers/pg";
import { forOrg } from "@/lib/db/tenant";
import { stepUpWithTotp } from "@/lib/auth/step-up-with-totp";
import { stepUpWithRecoveryCode } from "@/lib/auth/step-up-with-recovery-code";
import { listStepUpMethods } from "@/lib/auth/step-up-methods";
import { currentLevel } from "@/lib/auth/session-level";
import { verifyTotpAtLogin } from "@/lib/mfa/verify-totp-login";
import { replaceRecoveryCodes } from "@/lib/mfa/recovery-codes";
import { randomToken, sha256Hex } from "@/lib/security/tokens";

let t: TestDb;
let demo: Awaited<ReturnType<typeof seed>>;

beforeAll(async () => {
  t = await createMigratedDb();
  demo = await seed(t.db);
});
afterAll(() => t?.close());

const STEP_MS = 30_000;
const MINUTE_MS = 60_000;
// Each test takes later time steps than the one before, so the demo secret's codes never replay
// by accident; mid-step, so ±1 is unambiguous.
const base = Math.floor(Date.now() / STEP_MS) * STEP_MS + 10_000;
const at = (step: number) => base + step * STEP_MS;
const wrongCode = (nowMs: number) => String((Number(demoCode(nowMs)) + 500_000) % 1_000_000).padStart(6, "0");

const user = (username: string) => demo.users[username]!;
const orgDbOf = (username: string) => forOrg(t.db, user(username).orgId);

/** A Standard session row for the user, as a password-only login would leave it. */
async function standardSession(username: string, nowMs: number) {
  const u = user(username);
  return t.db.session.create({
    data: {
      orgId: u.orgId,
      userId: u.id,
      tokenHash: sha256Hex(randomToken()),
      level: "STANDARD",
      loginMethod: "PASSWORD",
      ip: ctx.ip,
      userAgent: ctx.userAgent,
      expiresAt: new Date(nowMs + 12 * 3_600_000),
      createdAt: new Date(nowMs),
      lastSeenAt: new Date(nowMs),
    },
  });
}

function stepUpOpts(username: string, sessionId: string, code: string, nowMs: number) {
  return { orgDb: orgDbOf(username), sessionId, userId: user(username).id, code, context: ctx, nowMs };
}

const stepUpEvents = (username: string) => t.db.verificationEvent.findMany({ where: { username, activity: "STEP_UP" }, orderBy: { id: "asc" } });
const sessionRow = (id: string) => t.db.session.findUniqueOrThrow({ where: { id } });
const resetLockout = (username: string) => t.db.user.update({ where: { username }, data: { failedAttempts: 0, lockedUntil: null } });

describe("step-up with the authenticator app", () => {
  it("raises the session and sets the window from the org's setting, with one STEP_UP event", async () => {
    await t.db.orgSettings.update({ where: { orgId: user("admin@acme.test").orgId }, data: { highAssuranceMinutes: 15 } });
    const now = at(1);
    const session = await standardSession("admin@acme.test", now);
    expect(currentLevel(session, now).level).toBe("STANDARD");
    const before = await stepUpEvents("admin@acme.test");

    const result = await stepUpWithTotp(stepUpOpts("admin@acme.test", session.id, demoCode(now), now));
    expect(result).toEqual({ ok: true, highAssuranceUntil: new Date(now + 15 * MINUTE_MS) });
    const raised = await sessionRow(session.id);
    expect(raised).toMatchObject({ level: "HIGH_ASSURANCE", highAssuranceUntil: new Date(now + 15 * MINUTE_MS), loginMethod: "PASSWORD" });
    expect(currentLevel(raised, now)).toEqual({ level: "HIGH_ASSURANCE", until: new Date(now + 15 * MINUTE_MS) });

    const events = (await stepUpEvents("admin@acme.test")).slice(before.length);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ method: "TOTP", status: "SUCCEEDED", ip: ctx.ip, userAgent: ctx.userAgent });
    await t.db.orgSettings.update({ where: { orgId: user("admin@acme.test").orgId }, data: { highAssuranceMinutes: 60 } });
  });

  it("makes currentLevel Standard again once the window has passed", async () => {
    const now = at(3);
    const session = await standardSession("admin@acme.test", now);
    const result = await stepUpWithTotp(stepUpOpts("admin@acme.test", session.id, demoCode(now), now));
    if (!result.ok) throw new Error(result.code);
    const raised = await sessionRow(session.id);
    const untilMs = result.highAssuranceUntil.getTime();
    expect(untilMs).toBe(now + 60 * MINUTE_MS); // the default window
    expect(currentLevel(raised, untilMs - 1).level).toBe("HIGH_ASSURANCE");
    expect(currentLevel(raised, untilMs)).toEqual({ level: "STANDARD", until: null });
    expect(currentLevel(raised, untilMs + MINUTE_MS).level).toBe("STANDARD");
  });

  it("refuses a wrong code with a FAILED event and a counted failure; the session stays Standard", async () => {
    const now = at(5);
    const session = await standardSession("alice@acme.test", now);
    const before = await stepUpEvents("alice@acme.test");
    const result = await stepUpWithTotp(stepUpOpts("alice@acme.test", session.id, wrongCode(now), now));
    expect(result).toEqual({ ok: false, code: "INVALID_CODE" });
    expect((await t.db.user.findUniqueOrThrow({ where: { username: "alice@acme.test" } })).failedAttempts).toBe(1);
    expect((await sessionRow(session.id)).level).toBe("STANDARD");
    const events = (await stepUpEvents("alice@acme.test")).slice(before.length);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ method: "TOTP", status: "FAILED", reason: "INVALID_CODE" });

    // A success ends the failure count, as a completed login does.
    expect(await stepUpWithTotp(stepUpOpts("alice@acme.test", session.id, demoCode(now), now))).toMatchObject({ ok: true });
    expect((await t.db.user.findUniqueOrThrow({ where: { username: "alice@acme.test" } })).failedAttempts).toBe(0);
  });

  it("locks at the org's limit like a login, and then refuses even the right code", async () => {
    const now = at(7);
    const session = await standardSession("alice@acme.test", now);
    const answers = [];
    for (let i = 0; i < 10; i++) answers.push(await stepUpWithTotp(stepUpOpts("alice@acme.test", session.id, wrongCode(now), now)));
    expect(answers[7]).toEqual({ ok: false, code: "INVALID_CODE", attemptsRemaining: 2 });
    const retryAt = new Date(now + 15 * MINUTE_MS);
    expect(answers[9]).toEqual({ ok: false, code: "LOCKED", retryAt });
    expect(await t.db.verificationEvent.count({ where: { username: "alice@acme.test", activity: "LOCKOUT" } })).toBe(1);

    expect(await stepUpWithTotp(stepUpOpts("alice@acme.test", session.id, demoCode(now), now))).toEqual({ ok: false, code: "LOCKED", retryAt });
    const last = (await stepUpEvents("alice@acme.test")).at(-1);
    expect(last).toMatchObject({ status: "FAILED", reason: "LOCKED", method: "TOTP" });
    expect((await sessionRow(session.id)).level).toBe("STANDARD");
    await resetLockout("alice@acme.test");
  });

  it("refuses a replayed step — also one already used to log in — with an event but no lockout count", async () => {
    const now = at(9);
    // The code logs alice in first...
    const verified = await verifyTotpAtLogin(t.db, {
      pendingToken: await passwordStep(t.db, "alice@acme.test", now),
      code: demoCode(now),
      context: ctx,
      nowMs: now,
    });
    expect(verified).toMatchObject({ ok: true });
    // ...so the same code cannot also raise a session.
    const session = await standardSession("alice@acme.test", now);
    const before = await stepUpEvents("alice@acme.test");
    expect(await stepUpWithTotp(stepUpOpts("alice@acme.test", session.id, demoCode(now), now))).toEqual({ ok: false, code: "REPLAYED" });
    // Neither can the previous step's code (older than the accepted one).
    expect(await stepUpWithTotp(stepUpOpts("alice@acme.test", session.id, demoCode(now - STEP_MS), now))).toEqual({ ok: false, code: "REPLAYED" });
    const events = (await stepUpEvents("alice@acme.test")).slice(before.length);
    expect(events.map((e) => [e.status, e.reason])).toEqual([
      ["FAILED", "REPLAYED"],
      ["FAILED", "REPLAYED"],
    ]);
    expect((await t.db.user.findUniqueOrThrow({ where: { username: "alice@acme.test" } })).failedAttempts).toBe(0);
    expect((await sessionRow(session.id)).level).toBe("STANDARD");
    // The next step works.
    expect(await stepUpWithTotp(stepUpOpts("alice@acme.test", session.id, demoCode(now + STEP_MS), now + STEP_MS))).toMatchObject({ ok: true });
  });

  it.skipIf(usePglite)("gives exactly one success to 10 concurrent step-ups with one code, one event each", async () => {
    const now = at(12);
    const sessions = await Promise.all(Array.from({ length: 10 }, () => standardSession("admin@globex.test", now)));
    const before = await stepUpEvents("admin@globex.test");
    const results = await Promise.all(sessions.map((s) => stepUpWithTotp(stepUpOpts("admin@globex.test", s.id, demoCode(now), now))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === "REPLAYED")).toBe(true);
    const events = (await stepUpEvents("admin@globex.test")).slice(before.length);
    expect(events).toHaveLength(10);
    expect(events.filter((e) => e.status === "SUCCEEDED")).toHaveLength(1);
    const raised = await t.db.session.count({ where: { id: { in: sessions.map((s) => s.id) }, level: "HIGH_ASSURANCE" } });
    expect(raised).toBe(1);
  });
});

describe("step-up with a recovery code", () => {
  it("spends the code, raises the session, and the same code never works again", async () => {
    const admin = user("admin@acme.test");
    const codes = await t.db.$transaction((tx) => replaceRecoveryCodes(tx, { orgId: admin.orgId, userId: admin.id }));
    const now = at(14);
    const session = await standardSession("admin@acme.test", now);
    const before = await stepUpEvents("admin@acme.test");

    const result = await stepUpWithRecoveryCode(stepUpOpts("admin@acme.test", session.id, codes[0]!.toUpperCase(), now));
    expect(result).toEqual({ ok: true, highAssuranceUntil: new Date(now + 60 * MINUTE_MS), remaining: 9 });
    expect((await sessionRow(session.id)).level).toBe("HIGH_ASSURANCE");
    expect(await t.db.recoveryCode.count({ where: { userId: admin.id, usedAt: null } })).toBe(9);

    const other = await standardSession("admin@acme.test", now);
    expect(await stepUpWithRecoveryCode(stepUpOpts("admin@acme.test", other.id, codes[0]!, now))).toEqual({ ok: false, code: "INVALID_CODE" });
    expect((await sessionRow(other.id)).level).toBe("STANDARD");
    const events = (await stepUpEvents("admin@acme.test")).slice(before.length);
    expect(events.map((e) => [e.method, e.status, e.reason])).toEqual([
      ["RECOVERY_CODE", "SUCCEEDED", null],
      ["RECOVERY_CODE", "FAILED", "INVALID_CODE"],
    ]);
    await resetLockout("admin@acme.test");
  });

  it.skipIf(usePglite)("gives exactly one success to 10 concurrent uses of one code", async () => {
    const gus = user("admin@globex.test");
    const codes = await t.db.$transaction((tx) => replaceRecoveryCodes(tx, { orgId: gus.orgId, userId: gus.id }));
    const now = at(15);
    const sessions = await Promise.all(Array.from({ length: 10 }, () => standardSession("admin@globex.test", now)));
    const results = await Promise.all(sessions.map((s) => stepUpWithRecoveryCode(stepUpOpts("admin@globex.test", s.id, codes[4]!, now))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await t.db.recoveryCode.count({ where: { userId: gus.id, usedAt: { not: null } } })).toBe(1);
    await resetLockout("admin@globex.test");
  });

  it("is refused when the org does not count recovery codes as High Assurance (S2)", async () => {
    const admin = user("admin@acme.test");
    const codes = await t.db.$transaction((tx) => replaceRecoveryCodes(tx, { orgId: admin.orgId, userId: admin.id }));
    await t.db.orgSettings.update({ where: { orgId: admin.orgId }, data: { highAssuranceMethods: ["TOTP", "WEBAUTHN"] } });
    try {
      const now = at(16);
      const session = await standardSession("admin@acme.test", now);
      expect((await listStepUpMethods(orgDbOf("admin@acme.test"), { userId: admin.id })).usable).toEqual(["TOTP"]);
      expect(await stepUpWithRecoveryCode(stepUpOpts("admin@acme.test", session.id, codes[0]!, now))).toEqual({ ok: false, code: "METHOD_NOT_ALLOWED" });
      expect((await stepUpEvents("admin@acme.test")).at(-1)).toMatchObject({ status: "FAILED", reason: "METHOD_NOT_ALLOWED" });
      expect(await t.db.recoveryCode.count({ where: { userId: admin.id, usedAt: null } })).toBe(10);
      expect((await sessionRow(session.id)).level).toBe("STANDARD");
    } finally {
      await t.db.orgSettings.update({ where: { orgId: admin.orgId }, data: { highAssuranceMethods: ["TOTP", "WEBAUTHN", "TEMP_CODE", "RECOVERY_CODE"] } });
    }
  });
});

describe("whose session", () => {
  it("cannot raise a session of another org, even by its exact id: nothing changes, no event", async () => {
    const now = at(18);
    const acmeSession = await standardSession("admin@acme.test", now);
    const eventsBefore = await t.db.verificationEvent.count();
    // A Globex admin's scoped client with the Acme session's id (and even the Acme user's id).
    const attempts = [
      { orgDb: orgDbOf("admin@globex.test"), sessionId: acmeSession.id, userId: user("admin@globex.test").id },
      { orgDb: orgDbOf("admin@globex.test"), sessionId: acmeSession.id, userId: user("admin@acme.test").id },
    ];
    for (const a of attempts) {
      expect(await stepUpWithTotp({ ...a, code: demoCode(now), context: ctx, nowMs: now })).toEqual({ ok: false, code: "NOT_FOUND" });
      expect(await stepUpWithRecoveryCode({ ...a, code: "0000-0000-0000", context: ctx, nowMs: now })).toEqual({ ok: false, code: "NOT_FOUND" });
    }
    expect((await sessionRow(acmeSession.id)).level).toBe("STANDARD");
    expect(await t.db.verificationEvent.count()).toBe(eventsBefore);
  });

  it("cannot raise another user's session of the same org", async () => {
    const now = at(19);
    const aliceSession = await standardSession("alice@acme.test", now);
    // The admin's own valid code, against alice's session id.
    const r = await stepUpWithTotp({
      orgDb: orgDbOf("admin@acme.test"),
      sessionId: aliceSession.id,
      userId: user("admin@acme.test").id,
      code: demoCode(now),
      context: ctx,
      nowMs: now,
    });
    expect(r).toEqual({ ok: false, code: "NOT_FOUND" });
    expect((await sessionRow(aliceSession.id)).level).toBe("STANDARD");
  });

  it("cannot raise a revoked or expired session", async () => {
    const now = at(20);
    const revoked = await standardSession("alice@acme.test", now);
    await t.db.session.update({ where: { id: revoked.id }, data: { revokedAt: new Date(now) } });
    expect(await stepUpWithTotp(stepUpOpts("alice@acme.test", revoked.id, demoCode(now), now))).toEqual({ ok: false, code: "NOT_FOUND" });
    const expired = await standardSession("alice@acme.test", now - 13 * 3_600_000);
    expect(await stepUpWithTotp(stepUpOpts("alice@acme.test", expired.id, demoCode(now), now))).toEqual({ ok: false, code: "NOT_FOUND" });
  });
});

describe("listStepUpMethods", () => {
  it("offers the user's own methods in L2 order, and says when there is none", async () => {
    expect(await listStepUpMethods(orgDbOf("alice@acme.test"), { userId: user("alice@acme.test").id })).toEqual({ usable: ["TOTP"], hasAnyMethod: true });
    expect(await listStepUpMethods(orgDbOf("bob@acme.test"), { userId: user("bob@acme.test").id })).toEqual({ usable: [], hasAnyMethod: false });
    // Another org's user id through a scoped client finds nothing.
    expect(await listStepUpMethods(orgDbOf("admin@globex.test"), { userId: user("alice@acme.test").id })).toEqual({ usable: [], hasAnyMethod: false });
  });
});
