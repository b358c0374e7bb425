// Issue 11: a code challenge that finishes on the server opens the session in the transaction
// that accepts the code — the code spent, the login's event and its session row commit together
// or not at all (a Postgres restart between two transactions once left a "Login · Succeeded"
// without a session) — and the ticket it also returns is already spent.
import "../helpers/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { ctx, demoCode, passwordStep, seed } from "../helpers/demo";
import { createTestUser } from "../helpers/users";
import { passwordStepTo } from "../helpers/webauthn";
import { verifyTotpAtLogin } from "@/lib/mfa/verify-totp-login";
import { verifyTempCodeAtLogin } from "@/lib/mfa/verify-temp-code-login";
import { generateTempCode } from "@/lib/mfa/temp-codes/generate-temp-code";
import { createSessionFromTicket, validateSessionToken } from "@/lib/auth/session";
import { forOrg } from "@/lib/db/tenant";

let t: TestDb;

beforeAll(async () => {
  t = await createMigratedDb();
  await seed(t.db);
});
afterAll(() => t?.close());

const sessionsOf = (userId: string) => t.db.session.findMany({ where: { userId } });
const loginEvents = (userId: string) => t.db.verificationEvent.findMany({ where: { userId, activity: "LOGIN", status: "SUCCEEDED" } });

describe("a login finished on the server", () => {
  it("opens its session with the accepted code: one row, valid, High Assurance per the org, the count cleared, the ticket spent", async () => {
    const user = await createTestUser(t.db, { prefix: "open-totp", totp: true });
    await t.db.user.update({ where: { id: user.id }, data: { failedAttempts: 3 } });
    const now = Date.now();
    const pendingToken = await passwordStep(t.db, user.username, now);
    const result = await verifyTotpAtLogin(t.db, { pendingToken, code: demoCode(now), context: ctx, nowMs: now, openSession: true });
    if (!result.ok || !result.session) throw new Error(`expected a session, got ${JSON.stringify(result)}`);
    expect(result.session.userId).toBe(user.id);
    expect([...result.session.permissions]).toEqual([]); // a Standard User: My security is the start page

    const [row, ...more] = await sessionsOf(user.id);
    expect(more).toHaveLength(0);
    expect(row).toMatchObject({ loginMethod: "TOTP", level: "HIGH_ASSURANCE", ip: ctx.ip, userAgent: ctx.userAgent });
    expect(await validateSessionToken(t.db, result.session.token)).toMatchObject({ userId: user.id });
    expect(await loginEvents(user.id)).toHaveLength(1);
    const after = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(after.failedAttempts).toBe(0);
    expect(after.lastLoginAt?.getTime()).toBe(now);
    // The ticket is of a login already spent: no second session from it.
    expect(await createSessionFromTicket(t.db, { ticket: result.ticket, pendingToken, context: ctx })).toBeNull();
    expect(await sessionsOf(user.id)).toHaveLength(1);
  });

  it("opens nothing, spends nothing and records no success for a user deactivated before the code was accepted", async () => {
    const user = await createTestUser(t.db, { prefix: "open-inactive" });
    const admin = await t.db.user.findUniqueOrThrow({ where: { username: "admin@acme.test" } });
    const generated = await generateTempCode({
      orgDb: forOrg(t.db, admin.orgId),
      orgId: admin.orgId,
      actor: { id: admin.id },
      targetUserId: user.id,
      expiresInHours: 1,
      maxUses: 1,
      reason: "Lost phone, identity confirmed",
      context: ctx,
    });
    if (!generated.ok || generated.pendingApproval) throw new Error(`expected a code, got ${JSON.stringify(generated)}`);
    const pendingToken = await passwordStepTo(t.db, user.username, "TEMP_CODE");
    // Deactivated between the password and the code, without the pending login being ended.
    await t.db.user.update({ where: { id: user.id }, data: { isActive: false } });
    const result = await verifyTempCodeAtLogin(t.db, { pendingToken, code: generated.code, context: ctx, openSession: true });
    expect(result.ok).toBe(false);
    expect(await sessionsOf(user.id)).toHaveLength(0);
    expect(await loginEvents(user.id)).toHaveLength(0);
    // The single-use code was rolled back with the rest: still unused.
    expect(await t.db.tempCode.findFirstOrThrow({ where: { userId: user.id } })).toMatchObject({ useCount: 0, expiredAt: null });
  });
});
