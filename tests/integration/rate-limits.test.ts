// SPEC L13 (issue 8, point 3): throttles that no single account limit covers, counted in Postgres
// and shared by every app instance. Per client IP and per username on the password step — alike
// for names that exist and names that don't, so a refusal reveals nothing — and per pending login
// on codes. A refusal says when to retry, and writes one event per window, not one per request.
import "../helpers/env";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { ctx, DEMO_PASSWORD, demoCode, passwordStep, seed } from "../helpers/demo";
import { usePglite } from "../helpers/pg";
import { createTestUser } from "../helpers/users";
import { startPasswordLogin } from "@/lib/auth/start-login";
import { verifyTotpAtLogin } from "@/lib/mfa/verify-totp-login";
import { hitRateLimit, sweepExpired } from "@/lib/security/rate-limit";
import { RATE_LIMITS } from "@/lib/security/rate-limits";

const run = promisify(execFile);
let t: TestDb;

beforeAll(async () => {
  t = await createMigratedDb();
  await seed(t.db);
});
afterAll(() => t?.close());

// Mid-window, so a test never straddles two windows.
const hourStart = Math.floor(Date.now() / 3_600_000) * 3_600_000;
const codesOf = (answers: { ok: boolean; code?: string }[]) => answers.map((a) => (a.ok ? "ok" : a.code));

describe("password step throttles", () => {
  it("refuses a username's 21st failure in an hour with a retry time, known or unknown alike", async () => {
    const user = await createTestUser(t.db, { prefix: "throttle-known" });
    const nowMs = hourStart + 60_000;
    const tries = RATE_LIMITS.PASSWORD_FAILURES_PER_USERNAME.maxHits + 3;
    const answersFor = async (username: string) => {
      const out = [];
      // Each from its own address: only the username's throttle is at work.
      for (let i = 0; i < tries; i++)
        out.push(await startPasswordLogin(t.db, { username, password: "wrong", context: { ip: `192.0.2.${i}`, userAgent: "vitest" }, nowMs }));
      return out;
    };
    const known = await answersFor(user.username);
    const unknown = await answersFor("nobody-here@acme.test");
    // The known user was locked after 10 on the way; the answers still read the same throughout.
    expect(codesOf(known)).toEqual(codesOf(unknown));
    expect(
      codesOf(known)
        .slice(0, 20)
        .every((c) => c === "INVALID_CREDENTIALS"),
    ).toBe(true);
    expect(known[20]).toEqual({ ok: false, code: "RATE_LIMITED", retryAt: new Date(hourStart + 3_600_000) });
    // One event for the window, in the known user's org; an unknown name has no org (decision 004).
    expect(await t.db.verificationEvent.count({ where: { userId: user.id, reason: "RATE_LIMITED" } })).toBe(1);
  });

  it("refuses an address's 101st failure in 15 minutes, while a right password gives its hit back", async () => {
    const ip = "203.0.113.200";
    const nowMs = Math.floor(Date.now() / 900_000) * 900_000 + 1_000;
    const max = RATE_LIMITS.PASSWORD_FAILURES_PER_IP.maxHits;
    const alice = await createTestUser(t.db, { prefix: "throttle-ip", totp: true });
    for (let i = 0; i < max - 1; i++) {
      expect(await startPasswordLogin(t.db, { username: `guess-${i}@nowhere.test`, password: "x", context: { ip, userAgent: "vitest" }, nowMs })).toEqual({
        ok: false,
        code: "INVALID_CREDENTIALS",
      });
    }
    // Right passwords from the same office do not use the budget up.
    for (let i = 0; i < 3; i++)
      expect(await startPasswordLogin(t.db, { username: alice.username, password: DEMO_PASSWORD, context: { ip, userAgent: "vitest" }, nowMs })).toMatchObject({
        ok: true,
      });
    expect(await startPasswordLogin(t.db, { username: "last@nowhere.test", password: "x", context: { ip, userAgent: "vitest" }, nowMs })).toEqual({
      ok: false,
      code: "INVALID_CREDENTIALS",
    });
    expect(await startPasswordLogin(t.db, { username: alice.username, password: DEMO_PASSWORD, context: { ip, userAgent: "vitest" }, nowMs })).toEqual({
      ok: false,
      code: "RATE_LIMITED",
      retryAt: new Date(nowMs - 1_000 + 900_000),
    });
    // Another address is not affected.
    expect(
      await startPasswordLogin(t.db, { username: alice.username, password: DEMO_PASSWORD, context: { ip: "203.0.113.201", userAgent: "vitest" }, nowMs }),
    ).toMatchObject({ ok: true });
  });
});

describe("code throttle", () => {
  it("refuses the 21st code of one pending login, with one event for the window", async () => {
    const user = await createTestUser(t.db, { prefix: "throttle-code", totp: true });
    // A lockout limit above the throttle, so the throttle is what answers.
    await t.db.orgSettings.update({ where: { orgId: user.orgId }, data: { lockoutMaxAttempts: 100 } });
    try {
      const nowMs = Math.floor(Date.now() / 600_000) * 600_000 + 1_000;
      const pendingToken = await passwordStep(t.db, user.username, nowMs);
      const wrong = String((Number(demoCode(nowMs)) + 1) % 1_000_000).padStart(6, "0");
      const answers = [];
      for (let i = 0; i < 25; i++) answers.push(await verifyTotpAtLogin(t.db, { pendingToken, code: wrong, context: ctx, nowMs }));
      expect(
        codesOf(answers)
          .slice(0, 20)
          .every((c) => c === "INVALID_CODE"),
      ).toBe(true);
      expect(answers.slice(20)).toEqual(Array(5).fill({ ok: false, code: "RATE_LIMITED", retryAt: new Date(nowMs - 1_000 + 600_000) }));
      // Even the right code waits: the throttle is for the login, not for the code.
      expect(await verifyTotpAtLogin(t.db, { pendingToken, code: demoCode(nowMs), context: ctx, nowMs })).toMatchObject({ code: "RATE_LIMITED" });
      expect(await t.db.verificationEvent.count({ where: { userId: user.id, reason: "RATE_LIMITED" } })).toBe(1);
    } finally {
      await t.db.orgSettings.update({ where: { orgId: user.orgId }, data: { lockoutMaxAttempts: 10 } });
    }
  });
});

describe("the counters", () => {
  it.skipIf(usePglite)(
    "hold exactly across two app processes on one database",
    async () => {
      const nowMs = hourStart + 120_000;
      const worker = (hits: number) =>
        run("node_modules/.bin/tsx", [
          "tests/helpers/rate-limit-worker.ts",
          t.url!,
          "PASSWORD_FAILURES_PER_USERNAME",
          "two-processes@acme.test",
          String(hits),
          String(nowMs),
        ]);
      const outputs = await Promise.all([worker(60), worker(60)]);
      const [a, b] = outputs.map((o) => JSON.parse(o.stdout.trim().split("\n").at(-1)!) as { answered: number; admitted: number; firstRefusals: number });
      expect(a!.admitted + b!.admitted).toBe(RATE_LIMITS.PASSWORD_FAILURES_PER_USERNAME.maxHits);
      expect(a!.firstRefusals + b!.firstRefusals).toBe(1);
      // Both processes did take part: every hit of each got its answer from the shared count.
      expect([a!.answered, b!.answered]).toEqual([60, 60]);
    },
    60_000,
  );

  it("are swept once their window is over", async () => {
    const old = hourStart - 3 * 3_600_000;
    await hitRateLimit(t.db, { limit: "CODE_ATTEMPTS_PER_PENDING_LOGIN", subject: "old-login", nowMs: old });
    expect(await sweepExpired(t.db, Date.now())).toBeGreaterThanOrEqual(1);
    expect(await t.db.rateLimitCounter.count({ where: { windowStart: { lt: new Date(hourStart - 3_600_000) } } })).toBe(0);
  });
});
