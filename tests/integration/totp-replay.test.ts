// SPEC L4: a TOTP time step is accepted once per user — also when requests race.
import "../helpers/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { ctx, demoCode, passwordStep, passwordSteps, seed } from "../helpers/demo";
import { usePglite } from "../helpers/pg";
import { verifyTotpAtLogin } from "@/lib/mfa/verify-totp-login";
import { createSessionFromTicket, validateSessionToken } from "@/lib/auth/session";

let t: TestDb;

beforeAll(async () => {
  t = await createMigratedDb();
  await seed(t.db);
});
afterAll(() => t?.close());

// Each test uses its own fixed instant so they never share a time step.
const STEP_MS = 30_000;
const base = Math.floor(Date.now() / STEP_MS) * STEP_MS;

describe("TOTP at login", () => {
  it("accepts a valid code once and refuses its replay", async () => {
    const now = base + 5_000;
    const first = await verifyTotpAtLogin(t.db, {
      pendingToken: await passwordStep(t.db, "alice@acme.test", now),
      code: demoCode(now),
      context: ctx,
      nowMs: now,
    });
    expect(first).toMatchObject({ ok: true });
    const again = await verifyTotpAtLogin(t.db, {
      pendingToken: await passwordStep(t.db, "alice@acme.test", now),
      code: demoCode(now),
      context: ctx,
      nowMs: now,
    });
    expect(again).toEqual({ ok: false, code: "REPLAYED" });
    // The previous step's code is now older than the accepted one: also refused.
    const older = await verifyTotpAtLogin(t.db, {
      pendingToken: await passwordStep(t.db, "alice@acme.test", now),
      code: demoCode(now - STEP_MS),
      context: ctx,
      nowMs: now,
    });
    expect(older).toEqual({ ok: false, code: "REPLAYED" });
  });

  it.skipIf(usePglite)("gives exactly one success to 20 concurrent submissions of one valid code", async () => {
    const now = base + 10 * STEP_MS;
    const tokens = await passwordSteps(t.db, "admin@acme.test", 20, now);
    const before = await t.db.verificationEvent.count({ where: { method: "TOTP" } });
    const results = await Promise.all(tokens.map((pendingToken) => verifyTotpAtLogin(t.db, { pendingToken, code: demoCode(now), context: ctx, nowMs: now })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    // The losers repeated the winning code, or were turned away while the attempt limit was held
    // by attempts in progress (lib/security/lockout.ts): nothing guessed, nothing counted.
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && (r.code === "REPLAYED" || r.code === "ATTEMPTS_IN_FLIGHT"))).toBe(true);
    expect((await t.db.user.findUniqueOrThrow({ where: { username: "admin@acme.test" } })).failedAttempts).toBe(0);
    // Every attempt, won or lost, is exactly one event.
    const events = await t.db.verificationEvent.findMany({ where: { method: "TOTP", id: { gt: 0 } }, orderBy: { id: "asc" }, skip: before });
    expect(events).toHaveLength(20);
    expect(events.filter((e) => e.status === "SUCCEEDED")).toHaveLength(1);
  });

  it.skipIf(usePglite)("also races safely when the same pending login is submitted 20 times", async () => {
    const now = base + 20 * STEP_MS;
    const pendingToken = await passwordStep(t.db, "admin@globex.test", now);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => verifyTotpAtLogin(t.db, { pendingToken, code: demoCode(now), context: ctx, nowMs: now })),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
  });

  it("refuses a wrong code with an event and leaves the challenge open", async () => {
    const now = base + 30 * STEP_MS;
    const pendingToken = await passwordStep(t.db, "alice@acme.test", now);
    const wrong = String((Number(demoCode(now)) + 1) % 1_000_000).padStart(6, "0");
    expect(await verifyTotpAtLogin(t.db, { pendingToken, code: wrong, context: ctx, nowMs: now })).toEqual({ ok: false, code: "INVALID_CODE" });
    expect(await verifyTotpAtLogin(t.db, { pendingToken, code: demoCode(now), context: ctx, nowMs: now })).toMatchObject({ ok: true });
  });

  it("refuses a pending login older than 10 minutes (L12)", async () => {
    const now = base + 40 * STEP_MS;
    const pendingToken = await passwordStep(t.db, "alice@acme.test", now);
    const later = now + 10 * 60_000 + 1;
    expect(await verifyTotpAtLogin(t.db, { pendingToken, code: demoCode(later), context: ctx, nowMs: later })).toEqual({
      ok: false,
      code: "PENDING_LOGIN_EXPIRED",
    });
  });
});

describe("ticket exchange", () => {
  it("creates one High Assurance session, only with the browser's pending cookie, only once", async () => {
    // A fresh step far from the other tests' steps.
    const at = base + 60 * STEP_MS;
    const pendingToken = await passwordStep(t.db, "alice@acme.test", at);
    const verified = await verifyTotpAtLogin(t.db, { pendingToken, code: demoCode(at), context: ctx, nowMs: at });
    if (!verified.ok) throw new Error("verification failed");
    expect(await createSessionFromTicket(t.db, { ticket: verified.ticket, pendingToken: "another-browser", context: ctx, nowMs: at })).toBeNull();
    const created = await createSessionFromTicket(t.db, { ticket: verified.ticket, pendingToken, context: ctx, nowMs: at });
    expect(created).not.toBeNull();
    expect(await createSessionFromTicket(t.db, { ticket: verified.ticket, pendingToken, context: ctx, nowMs: at })).toBeNull();
    const session = await validateSessionToken(t.db, created!.token, at);
    expect(session).toMatchObject({ level: "HIGH_ASSURANCE", loginMethod: "TOTP", ip: ctx.ip, userAgent: ctx.userAgent });
  });
});
