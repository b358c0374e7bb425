// SPEC A4–A6, A10, B3, L8, T1: the admin's MFA actions — each with exactly one event in the same
// transaction (both or neither), refused on the admin's own account and for another org's users.
import "../helpers/env";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { ctx, DEMO_PASSWORD, DEMO_TOTP_SECRET, seed } from "../helpers/demo";
import { forOrg } from "@/lib/db/tenant";
import { disconnectMethod } from "@/lib/mfa/admin/disconnect-method";
import { resetMfa } from "@/lib/mfa/admin/reset-mfa";
import { revokeUserSessions } from "@/lib/users/revoke-user-sessions";
import { unlockUser } from "@/lib/users/unlock-user";
import { generateTempCode } from "@/lib/mfa/temp-codes/generate-temp-code";
import { expireTempCode } from "@/lib/mfa/temp-codes/expire-temp-code";
import { replaceRecoveryCodes } from "@/lib/mfa/recovery-codes";
import { encryptTotpSecret } from "@/lib/mfa/totp-secret";
import { startPasswordLogin } from "@/lib/auth/start-login";
import { verifyTotpAtLogin } from "@/lib/mfa/verify-totp-login";
import { createSessionFromTicket } from "@/lib/auth/session";
import { passwordStep, demoCode } from "../helpers/demo";

let t: TestDb;
let demo: Awaited<ReturnType<typeof seed>>;

beforeAll(async () => {
  t = await createMigratedDb();
  demo = await seed(t.db);
});
afterAll(() => t?.close());

const acmeAdmin = () => demo.users["admin@acme.test"]!;
const base = (target: string) => ({
  orgDb: forOrg(t.db, acmeAdmin().orgId),
  orgId: acmeAdmin().orgId,
  actor: { id: acmeAdmin().id },
  targetUserId: demo.users[target]!.id,
  context: ctx,
});
const eventCount = () => t.db.verificationEvent.count();

async function giveAliceEverything() {
  const alice = demo.users["alice@acme.test"]!;
  await t.db.totpFactor.create({
    data: {
      orgId: alice.orgId,
      userId: alice.id,
      name: "Second phone",
      secretCiphertext: encryptTotpSecret(DEMO_TOTP_SECRET, alice.id),
      verifiedAt: new Date(),
    },
  });
  await t.db.$transaction((tx) => replaceRecoveryCodes(tx, { orgId: alice.orgId, userId: alice.id }));
  await t.db.session.create({
    data: {
      orgId: alice.orgId,
      userId: alice.id,
      tokenHash: `h-${Math.random()}`,
      level: "STANDARD",
      loginMethod: "TOTP",
      expiresAt: new Date(Date.now() + 3_600_000),
    },
  });
}

describe("admin MFA actions", () => {
  beforeEach(async () => {
    await t.db.tempCode.updateMany({ where: { expiredAt: null }, data: { expiredAt: new Date() } });
  });

  it("Disconnect removes exactly one method and keeps the reason in its one event", async () => {
    await giveAliceEverything();
    const apps = await t.db.totpFactor.findMany({ where: { userId: demo.users["alice@acme.test"]!.id } });
    expect(apps).toHaveLength(2);
    const before = await eventCount();
    expect(await disconnectMethod({ ...base("alice@acme.test"), method: { type: "TOTP", id: apps[1]!.id }, reason: "Phone stolen" })).toEqual({
      ok: true,
      name: "Second phone",
    });
    expect(await t.db.totpFactor.count({ where: { userId: apps[0]!.userId } })).toBe(1);
    expect(await eventCount()).toBe(before + 1);
    const event = await t.db.verificationEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(event).toMatchObject({
      activity: "METHOD_DISCONNECTED",
      method: "TOTP",
      actorId: acmeAdmin().id,
      detail: { name: "Second phone", reason: "Phone stolen" },
    });
    expect(await disconnectMethod({ ...base("alice@acme.test"), method: { type: "TOTP", id: apps[1]!.id }, reason: "again" })).toEqual({
      ok: false,
      code: "METHOD_NOT_FOUND",
    });
    expect(await disconnectMethod({ ...base("alice@acme.test"), method: { type: "TOTP", id: apps[0]!.id }, reason: "  " })).toEqual({
      ok: false,
      code: "REASON_REQUIRED",
    });
  });

  it("Reset MFA removes every method and recovery code, expires the temp code, revokes sessions — and she registers again", async () => {
    await giveAliceEverything();
    expect(await generateTempCode({ ...base("alice@acme.test"), expiresInHours: 1, maxUses: null, reason: "x" })).toMatchObject({ ok: true });
    const before = await eventCount();
    const result = await resetMfa({ ...base("alice@acme.test"), reason: "Lost phone" });
    expect(result).toMatchObject({ ok: true, counts: { authenticatorApps: 2, recoveryCodes: 10, tempCodesExpired: 1 } });
    expect(await eventCount()).toBe(before + 1);
    const aliceId = demo.users["alice@acme.test"]!.id;
    expect(await t.db.totpFactor.count({ where: { userId: aliceId } })).toBe(0);
    expect(await t.db.recoveryCode.count({ where: { userId: aliceId } })).toBe(0);
    expect(await t.db.session.count({ where: { userId: aliceId, revokedAt: null } })).toBe(0);
    expect(await startPasswordLogin(t.db, { username: "alice@acme.test", password: DEMO_PASSWORD, context: ctx })).toMatchObject({ ok: true, next: "ENROLL" });
  });

  it("Reset MFA also voids a login in progress, so its ticket never becomes a session", async () => {
    await giveAliceEverything();
    const pendingToken = await passwordStep(t.db, "alice@acme.test");
    const verified = await verifyTotpAtLogin(t.db, { pendingToken, code: demoCode(Date.now()), context: ctx });
    if (!verified.ok) throw new Error(verified.code);
    expect(await resetMfa({ ...base("alice@acme.test"), reason: "Phone stolen mid-login" })).toMatchObject({ ok: true });
    expect(await createSessionFromTicket(t.db, { ticket: verified.ticket, pendingToken, context: ctx })).toBeNull();
  });

  it("commits the change and its event together, or neither (A10)", async () => {
    await giveAliceEverything();
    const aliceId = demo.users["alice@acme.test"]!.id;
    const methodsBefore = await t.db.totpFactor.count({ where: { userId: aliceId } });
    // Make the event insert fail after the reset's changes have been made in the transaction.
    await t.sql(`CREATE FUNCTION refuse_events() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'event store down'; END $$`);
    await t.sql(`CREATE TRIGGER refuse_events BEFORE INSERT ON verification_events FOR EACH ROW EXECUTE FUNCTION refuse_events()`);
    try {
      await expect(resetMfa({ ...base("alice@acme.test"), reason: "Lost phone" })).rejects.toThrow(/event store down/);
      await expect(revokeUserSessions(base("alice@acme.test"))).rejects.toThrow(/event store down/);
    } finally {
      await t.sql(`DROP TRIGGER refuse_events ON verification_events`);
      await t.sql(`DROP FUNCTION refuse_events()`);
    }
    expect(await t.db.totpFactor.count({ where: { userId: aliceId } })).toBe(methodsBefore);
    expect(await t.db.session.count({ where: { userId: aliceId, revokedAt: null } })).toBeGreaterThan(0);
  });

  it("Revoke sessions and Unlock each write one event", async () => {
    await giveAliceEverything();
    const revoked = await revokeUserSessions(base("alice@acme.test"));
    expect(revoked.ok && revoked.revoked).toBeGreaterThanOrEqual(1);
    expect(await t.db.session.count({ where: { userId: demo.users["alice@acme.test"]!.id, revokedAt: null } })).toBe(0);
    expect(await unlockUser(base("alice@acme.test"))).toEqual({ ok: false, code: "NOT_LOCKED" });
    await t.db.user.update({ where: { username: "alice@acme.test" }, data: { failedAttempts: 10, lockedUntil: new Date(Date.now() + 600_000) } });
    const before = await eventCount();
    expect(await unlockUser(base("alice@acme.test"))).toEqual({ ok: true });
    expect(await eventCount()).toBe(before + 1);
    expect(await t.db.user.findUniqueOrThrow({ where: { username: "alice@acme.test" } })).toMatchObject({ failedAttempts: 0, lockedUntil: null });
  });

  it("records the break-glass operator as the actor (E3)", async () => {
    const operator = { ...base("bob@acme.test"), actor: { id: null, label: "operator (CLI)" } };
    expect(await resetMfa({ ...operator, reason: "Only admin locked out" })).toMatchObject({ ok: true });
    const event = await t.db.verificationEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(event).toMatchObject({ activity: "MFA_RESET", actorId: null, actorLabel: "operator (CLI)", username: "bob@acme.test" });
  });

  it("refuses every action on the admin's own account (B3)", async () => {
    const self = base("admin@acme.test");
    const factor = await t.db.totpFactor.findFirstOrThrow({ where: { userId: acmeAdmin().id } });
    expect(await disconnectMethod({ ...self, method: { type: "TOTP", id: factor.id }, reason: "x" })).toEqual({ ok: false, code: "SELF_ACTION" });
    expect(await resetMfa({ ...self, reason: "x" })).toEqual({ ok: false, code: "SELF_ACTION" });
    expect(await generateTempCode({ ...self, expiresInHours: 1, maxUses: null, reason: "x" })).toEqual({ ok: false, code: "SELF_ACTION" });
  });

  it("finds nothing of another org and changes nothing there (T1)", async () => {
    const gus = demo.users["admin@globex.test"]!;
    const factor = await t.db.totpFactor.findFirstOrThrow({ where: { userId: gus.id } });
    await t.db.user.update({ where: { id: gus.id }, data: { lockedUntil: new Date(Date.now() + 600_000) } });
    const before = await eventCount();
    const other = { ...base("alice@acme.test"), targetUserId: gus.id };
    expect(await disconnectMethod({ ...other, method: { type: "TOTP", id: factor.id }, reason: "x" })).toEqual({ ok: false, code: "NOT_FOUND" });
    expect(await resetMfa({ ...other, reason: "x" })).toEqual({ ok: false, code: "NOT_FOUND" });
    expect(await revokeUserSessions(other)).toEqual({ ok: false, code: "NOT_FOUND" });
    expect(await unlockUser(other)).toEqual({ ok: false, code: "NOT_FOUND" });
    expect(await generateTempCode({ ...other, expiresInHours: 1, maxUses: null, reason: "x" })).toEqual({ ok: false, code: "NOT_FOUND" });
    expect(await expireTempCode(other)).toEqual({ ok: false, code: "NOT_FOUND" });
    // A method id of the other org under an Acme user is not found either.
    expect(await disconnectMethod({ ...base("alice@acme.test"), method: { type: "TOTP", id: factor.id }, reason: "x" })).toEqual({
      ok: false,
      code: "METHOD_NOT_FOUND",
    });
    expect(await eventCount()).toBe(before);
    expect(await t.db.totpFactor.count({ where: { userId: gus.id } })).toBe(1);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: gus.id } })).lockedUntil).not.toBeNull();
  });
});
