// SPEC L1, L8 (issue 8, point 2): a locked account stops checking passwords. Whatever password
// is sent while the lock runs, the answer is the wrong-password answer, the stored hash is never
// verified (the work is the dummy hash's), nothing more is counted, and each try is one event.
// Where a factor was already proven — the code challenge — the answer may say until when
// (docs/decisions/009-lockout-and-throttling.md).
import "../helpers/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hash, argon2id } from "argon2";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { ctx, DEMO_PASSWORD, seed } from "../helpers/demo";
import { createTestUser } from "../helpers/users";
import { startPasswordLogin } from "@/lib/auth/start-login";

let t: TestDb;

beforeAll(async () => {
  t = await createMigratedDb();
  await seed(t.db);
});
afterAll(() => t?.close());

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

describe("a locked account", () => {
  it("answers any password like a wrong one, without verifying the stored hash", async () => {
    const user = await createTestUser(t.db, { prefix: "locked-alike" });
    // A hash about 25× costlier than the real parameters: verifying it would show in the time.
    const costly = await hash(DEMO_PASSWORD, { type: argon2id, memoryCost: 19_456, timeCost: 50, parallelism: 1 });
    const login = (password: string) => startPasswordLogin(t.db, { username: user.username, password, context: ctx });
    // A right password replaces a hash of other parameters (the rehash at login): put it back each time.
    const costlyLogin = async () => {
      await t.db.user.update({ where: { id: user.id }, data: { passwordHash: costly } });
      return timed(() => login(DEMO_PASSWORD));
    };

    const costlyVerifyMs = median([await costlyLogin(), await costlyLogin(), await costlyLogin()]);
    const lockedUntil = new Date(Date.now() + 15 * 60_000);
    await t.db.user.update({ where: { id: user.id }, data: { passwordHash: costly, failedAttempts: 10, lockedUntil } });

    const rightAnswers = [];
    const rightMs = [];
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      rightAnswers.push(await login(DEMO_PASSWORD));
      rightMs.push(performance.now() - started);
    }
    const wrong = await login("not-the-password");
    for (const answer of rightAnswers) expect(answer).toEqual(wrong);
    expect(wrong).toEqual({ ok: false, code: "INVALID_CREDENTIALS" });
    // The dummy hash's work, not the stored one's.
    expect(median(rightMs)).toBeLessThan(costlyVerifyMs / 4);
    const row = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    // Nor is it rehashed: the password was never verified.
    expect(row).toMatchObject({ failedAttempts: 10, lockedUntil, passwordHash: costly });
    expect(await t.db.verificationEvent.count({ where: { userId: user.id, reason: "LOCKED", method: "PASSWORD" } })).toBe(6);
    console.log(`[locked-account] stored-hash verify ${costlyVerifyMs.toFixed(0)} ms; locked answer ${median(rightMs).toFixed(0)} ms (median of 5)`);
  });
});
