// SPEC L8, B6, S3: password and code failures count together in Postgres; the limit locks for the
// org's period; the answer says when to retry and warns when few attempts remain; a completed
// login resets the count; counts stay right under concurrent failures.
import "../helpers/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { ctx, demoCode, DEMO_PASSWORD, passwordStep, passwordSteps, seed } from "../helpers/demo";
import { usePglite } from "../helpers/pg";
import { startPasswordLogin } from "@/lib/auth/start-login";
import { verifyTotpAtLogin } from "@/lib/mfa/verify-totp-login";
import { createSessionFromTicket } from "@/lib/auth/session";

let t: TestDb;

beforeAll(async () => {
  t = await createMigratedDb();
  await seed(t.db);
});
afterAll(() => t?.close());

const MINUTE_MS = 60_000;
const wrongCode = (nowMs: number) => String((Number(demoCode(nowMs)) + 500_000) % 1_000_000).padStart(6, "0");
const userRow = (username: string) => t.db.user.findUniqueOrThrow({ where: { username } });
const lockouts = (username: string) => t.db.verificationEvent.count({ where: { activity: "LOCKOUT", username } });

describe("lockout", () => {
  it("counts password and code failures together, warns near the limit, then locks with a retry time", async () => {
    const now = Date.now();
    // 5 wrong passwords: each reads exactly like an unknown user (no hint of the count).
    for (let i = 0; i < 5; i++) {
      expect(await startPasswordLogin(t.db, { username: "alice@acme.test", password: "wrong-password", context: ctx, nowMs: now })).toEqual({
        ok: false,
        code: "INVALID_CREDENTIALS",
      });
    }
    const pendingToken = await passwordStep(t.db, "alice@acme.test", now);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await verifyTotpAtLogin(t.db, { pendingToken, code: wrongCode(now), context: ctx, nowMs: now }));
    expect(answers[0]).toEqual({ ok: false, code: "INVALID_CODE" }); // 6th failure: 4 left, no warning yet
    expect(answers[1]).toEqual({ ok: false, code: "INVALID_CODE", attemptsRemaining: 3 });
    expect(answers[3]).toEqual({ ok: false, code: "INVALID_CODE", attemptsRemaining: 1 });
    const lockedUntil = new Date(now + 15 * MINUTE_MS);
    expect(answers[4]).toEqual({ ok: false, code: "LOCKED", retryAt: lockedUntil });
    expect(await lockouts("alice@acme.test")).toBe(1);

    // Locked: even the right code gets no further; the challenge, where a password was already
    // proven, may say until when. The right password reads exactly like a wrong one (L8).
    expect(await verifyTotpAtLogin(t.db, { pendingToken, code: demoCode(now), context: ctx, nowMs: now })).toEqual({
      ok: false,
      code: "LOCKED",
      retryAt: lockedUntil,
    });
    expect(await startPasswordLogin(t.db, { username: "alice@acme.test", password: DEMO_PASSWORD, context: ctx, nowMs: now })).toEqual({
      ok: false,
      code: "INVALID_CREDENTIALS",
    });
    expect(await startPasswordLogin(t.db, { username: "alice@acme.test", password: "nope", context: ctx, nowMs: now })).toEqual({
      ok: false,
      code: "INVALID_CREDENTIALS",
    });

    // After the period the lock is over; a completed login resets the count.
    const later = now + 15 * MINUTE_MS + 1;
    const token = await passwordStep(t.db, "alice@acme.test", later);
    const verified = await verifyTotpAtLogin(t.db, { pendingToken: token, code: demoCode(later), context: ctx, nowMs: later });
    if (!verified.ok) throw new Error(verified.code);
    await createSessionFromTicket(t.db, { ticket: verified.ticket, pendingToken: token, context: ctx, nowMs: later });
    expect(await userRow("alice@acme.test")).toMatchObject({ failedAttempts: 0, lockedUntil: null });
  });

  it("uses the org's own limit and period (S3)", async () => {
    const globex = await t.db.org.findUniqueOrThrow({ where: { slug: "globex" } });
    await t.db.orgSettings.update({ where: { orgId: globex.id }, data: { lockoutMaxAttempts: 3, lockoutMinutes: 5 } });
    const now = Date.now();
    const pendingToken = await passwordStep(t.db, "admin@globex.test", now);
    for (let i = 0; i < 2; i++) await verifyTotpAtLogin(t.db, { pendingToken, code: wrongCode(now), context: ctx, nowMs: now });
    expect(await verifyTotpAtLogin(t.db, { pendingToken, code: wrongCode(now), context: ctx, nowMs: now })).toEqual({
      ok: false,
      code: "LOCKED",
      retryAt: new Date(now + 5 * MINUTE_MS),
    });
  });

  it.skipIf(usePglite)("compares no more than the limit of 20 concurrent failures and locks exactly once", async () => {
    const now = Date.now();
    const tokens = await passwordSteps(t.db, "admin@acme.test", 20, now);
    const before = await t.db.verificationEvent.count({ where: { username: "admin@acme.test" } });
    const results = await Promise.all(tokens.map((pendingToken) => verifyTotpAtLogin(t.db, { pendingToken, code: wrongCode(now), context: ctx, nowMs: now })));
    expect(results.every((r) => !r.ok)).toBe(true);
    expect((await userRow("admin@acme.test")).failedAttempts).toBe(10);
    expect(await t.db.verificationEvent.count({ where: { username: "admin@acme.test", reason: "INVALID_CODE" } })).toBe(10);
    expect(await lockouts("admin@acme.test")).toBe(1);
    // Every attempt is exactly one event (plus the one LOCKOUT).
    expect(await t.db.verificationEvent.count({ where: { username: "admin@acme.test" } })).toBe(before + 20 + 1);
  });
});
