// SPEC B1: 10 single-use codes; a used code never works again, also under racing requests.
import "../helpers/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { ctx, passwordStep, passwordSteps, seed } from "../helpers/demo";
import { usePglite } from "../helpers/pg";
import { replaceRecoveryCodes } from "@/lib/mfa/recovery-codes";
import { verifyRecoveryCodeAtLogin } from "@/lib/mfa/verify-recovery-code-login";

let t: TestDb;
let demo: Awaited<ReturnType<typeof seed>>;
let codes: string[];

beforeAll(async () => {
  t = await createMigratedDb();
  demo = await seed(t.db);
  const admin = demo.users["admin@acme.test"]!;
  codes = await t.db.$transaction((tx) => replaceRecoveryCodes(tx, { orgId: admin.orgId, userId: admin.id }));
});
afterAll(() => t?.close());

describe("recovery codes", () => {
  it("are 10 distinct codes of at least 50 bits, stored only as keyed hashes", async () => {
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}$/); // 12 × 5 bits = 60
    const stored = await t.sql<{ code_hash: string }>("SELECT code_hash FROM recovery_codes");
    expect(stored).toHaveLength(10);
    for (const row of stored) expect(codes.join()).not.toContain(row.code_hash.slice(0, 8));
  });

  it("log in once each, typed in any case and spacing, and never again", async () => {
    const first = await verifyRecoveryCodeAtLogin(t.db, {
      pendingToken: await passwordStep(t.db, "admin@acme.test"),
      code: codes[0]!.toUpperCase().replace(/-/g, " "),
      context: ctx,
    });
    expect(first).toMatchObject({ ok: true, remaining: 9 });
    const again = await verifyRecoveryCodeAtLogin(t.db, { pendingToken: await passwordStep(t.db, "admin@acme.test"), code: codes[0]!, context: ctx });
    expect(again).toMatchObject({ ok: false, code: "INVALID_CODE" });
  });

  it.skipIf(usePglite)("give exactly one success to 20 concurrent uses of one code", async () => {
    const tokens = await passwordSteps(t.db, "admin@acme.test", 20);
    const results = await Promise.all(tokens.map((pendingToken) => verifyRecoveryCodeAtLogin(t.db, { pendingToken, code: codes[1]!, context: ctx })));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(await t.db.recoveryCode.count({ where: { usedAt: { not: null } } })).toBe(2);
    await t.db.user.update({ where: { username: "admin@acme.test" }, data: { failedAttempts: 0, lockedUntil: null } });
  });

  it("belong to their user only", async () => {
    const globexToken = await passwordStep(t.db, "admin@globex.test");
    expect(await verifyRecoveryCodeAtLogin(t.db, { pendingToken: globexToken, code: codes[2]!, context: ctx })).toMatchObject({
      ok: false,
      code: "INVALID_CODE",
    });
  });
});
