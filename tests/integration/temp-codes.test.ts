// SPEC A3, A4, L2, L6, B2: generating, expiring and logging in with temporary codes.
import "../helpers/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { ctx, DEMO_PASSWORD, seed } from "../helpers/demo";
import { usePglite } from "../helpers/pg";
import { forOrg } from "@/lib/db/tenant";
import { generateTempCode } from "@/lib/mfa/temp-codes/generate-temp-code";
import { expireTempCode } from "@/lib/mfa/temp-codes/expire-temp-code";
import { verifyTempCodeAtLogin } from "@/lib/mfa/verify-temp-code-login";
import { startPasswordLogin } from "@/lib/auth/start-login";

let t: TestDb;
let demo: Awaited<ReturnType<typeof seed>>;
const HOUR_MS = 3_600_000;

beforeAll(async () => {
  t = await createMigratedDb();
  demo = await seed(t.db);
});
afterAll(() => t?.close());

function generate(username: string, extra: { nowMs?: number; maxUses?: number | null; expiresInHours?: number; actor?: string } = {}) {
  const admin = demo.users[extra.actor ?? "admin@acme.test"]!;
  const target = demo.users[username]!;
  return generateTempCode({
    orgDb: forOrg(t.db, admin.orgId),
    orgId: admin.orgId,
    actor: { id: admin.id },
    targetUserId: target.id,
    expiresInHours: extra.expiresInHours ?? 1,
    maxUses: extra.maxUses ?? null,
    reason: "Lost phone",
    context: ctx,
    nowMs: extra.nowMs,
  });
}

async function tempChallenge(username: string, nowMs?: number): Promise<string> {
  const r = await startPasswordLogin(t.db, { username, password: DEMO_PASSWORD, context: ctx, nowMs });
  if (!r.ok || r.next !== "TEMP_CODE") throw new Error(`expected the temp-code challenge, got ${JSON.stringify(r)}`);
  return r.pendingToken;
}

const expire = (username: string) => {
  const admin = demo.users["admin@acme.test"]!;
  return expireTempCode({
    orgDb: forOrg(t.db, admin.orgId),
    orgId: admin.orgId,
    actor: { id: admin.id },
    targetUserId: demo.users[username]!.id,
    context: ctx,
  });
};

describe("temporary verification codes", () => {
  it("is an 8-digit code asked alone, reusable until Expire Now, each use recorded", async () => {
    const generated = await generate("alice@acme.test");
    if (!generated.ok || generated.pendingApproval) throw new Error(generated.ok ? "pending approval" : generated.code);
    expect(generated.code).toMatch(/^\d{8}$/);
    expect(
      JSON.stringify(await t.db.verificationEvent.findMany({ where: { activity: "TEMP_CODE_GENERATED" } }), (_k, v) => (typeof v === "bigint" ? 0 : v)),
    ).not.toContain(generated.code);
    for (let i = 0; i < 2; i++) {
      expect(await verifyTempCodeAtLogin(t.db, { pendingToken: await tempChallenge("alice@acme.test"), code: generated.code, context: ctx })).toMatchObject({
        ok: true,
      });
    }
    const uses = await t.db.tempCodeUse.findMany();
    expect(uses).toHaveLength(2);
    expect(uses[0]).toMatchObject({ ip: ctx.ip, userAgent: ctx.userAgent });
    expect(await verifyTempCodeAtLogin(t.db, { pendingToken: await tempChallenge("alice@acme.test"), code: "00000000", context: ctx })).toMatchObject({
      ok: false,
      code: "INVALID_CODE",
    });

    expect(await expire("alice@acme.test")).toEqual({ ok: true });
    // Her former method applies again.
    expect(await startPasswordLogin(t.db, { username: "alice@acme.test", password: DEMO_PASSWORD, context: ctx })).toMatchObject({ ok: true, next: "TOTP" });
    expect(await expire("alice@acme.test")).toEqual({ ok: false, code: "NO_ACTIVE_TEMP_CODE" });
  });

  it("stops at its maximum uses (B2)", async () => {
    const generated = await generate("bob@acme.test", { maxUses: 1 });
    if (!generated.ok || generated.pendingApproval) throw new Error(generated.ok ? "pending approval" : generated.code);
    expect(await verifyTempCodeAtLogin(t.db, { pendingToken: await tempChallenge("bob@acme.test"), code: generated.code, context: ctx })).toMatchObject({
      ok: true,
    });
    // Spent: bob (no other method) is back to registering one.
    expect(await startPasswordLogin(t.db, { username: "bob@acme.test", password: DEMO_PASSWORD, context: ctx })).toMatchObject({ ok: true, next: "ENROLL" });
  });

  it("refuses: inactive user, an active code, own account, expiry beyond the org maximum", async () => {
    await t.db.user.update({ where: { username: "support@acme.test" }, data: { isActive: false } });
    expect(await generate("support@acme.test")).toEqual({ ok: false, code: "TARGET_INACTIVE" });
    await t.db.user.update({ where: { username: "support@acme.test" }, data: { isActive: true } });

    expect(await generate("support@acme.test")).toMatchObject({ ok: true });
    expect(await generate("support@acme.test")).toEqual({ ok: false, code: "TEMP_CODE_ACTIVE" });
    expect(await generate("admin@acme.test")).toEqual({ ok: false, code: "SELF_ACTION" });
    expect(await generate("delegate@acme.test", { expiresInHours: 25 })).toEqual({ ok: false, code: "TEMP_CODE_EXPIRY_OUT_OF_RANGE" });
    // Another org's user is simply not found.
    expect(await generate("alice@acme.test", { actor: "admin@globex.test" })).toEqual({ ok: false, code: "NOT_FOUND" });
  });

  it("refuses the 7th code within an hour and says when the next is allowed", async () => {
    const start = Date.now() - 50 * 60_000;
    for (let i = 0; i < 6; i++) {
      const r = await generate("delegate@acme.test", { nowMs: start + i * 60_000, maxUses: 1 });
      expect(r).toMatchObject({ ok: true });
      // Spend it so the next one is not blocked by "already active".
      await t.db.tempCode.updateMany({ where: { userId: demo.users["delegate@acme.test"]!.id }, data: { expiredAt: new Date(start + i * 60_000 + 1) } });
    }
    expect(await generate("delegate@acme.test")).toEqual({ ok: false, code: "TEMP_CODE_RATE_LIMITED", retryAt: new Date(start + HOUR_MS) });
  });

  it.skipIf(usePglite)("10 concurrent Generate requests give at most one active code", async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => generate("api@acme.test")));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).every((r) => !r.ok && r.code === "TEMP_CODE_ACTIVE")).toBe(true);
  });

  it("is refused at the challenge once expired", async () => {
    const now = Date.now();
    // Generated 2 h ago with a 2 h expiry: still active at the password step, expired a moment later.
    const r = await generate("alice@acme.test", { nowMs: now - 2 * HOUR_MS + 1000, expiresInHours: 2 });
    if (!r.ok || r.pendingApproval) throw new Error(r.ok ? "pending approval" : r.code);
    const token = await tempChallenge("alice@acme.test", now);
    expect(await verifyTempCodeAtLogin(t.db, { pendingToken: token, code: r.code, context: ctx, nowMs: now + 2000 })).toMatchObject({
      ok: false,
      code: "EXPIRED",
    });
  });
});
