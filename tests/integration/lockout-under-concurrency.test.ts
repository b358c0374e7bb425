// SPEC L8, B6 (issue 8, point 1): the lockout holds under racing requests. Of 50 wrong answers
// sent at once, on every path — password, authenticator app, temporary code, recovery code,
// security key, and step-up — exactly the org's maximum (10) are ever compared, with one LOCKOUT
// event; every attempt is still one event. A right answer inside such a burst never yields a
// session once the limit is hit, and a ticket earned before the lock is refused at the exchange.
// Real concurrency on real Postgres (never PGlite: it serialises everything).
import "../helpers/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { ctx, demoCode, passwordSteps, seed } from "../helpers/demo";
import { usePglite } from "../helpers/pg";
import { createTestUser } from "../helpers/users";
import { SoftAuthenticator } from "../helpers/soft-authenticator";
import { addKey, passwordStepTo } from "../helpers/webauthn";
import { sessionFor } from "../helpers/sessions";
import { forOrg } from "@/lib/db/tenant";
import { startPasswordLogin } from "@/lib/auth/start-login";
import { createSessionFromTicket } from "@/lib/auth/session";
import { stepUpWithTotp } from "@/lib/auth/step-up-with-totp";
import { stepUpWithRecoveryCode } from "@/lib/auth/step-up-with-recovery-code";
import { verifyTotpAtLogin } from "@/lib/mfa/verify-totp-login";
import { verifyTempCodeAtLogin } from "@/lib/mfa/verify-temp-code-login";
import { verifyRecoveryCodeAtLogin } from "@/lib/mfa/verify-recovery-code-login";
import { replaceRecoveryCodes } from "@/lib/mfa/recovery-codes";
import { generateTempCode } from "@/lib/mfa/temp-codes/generate-temp-code";
import { beginWebAuthnLogin } from "@/lib/mfa/webauthn/begin-webauthn-login";
import { verifyWebAuthnAtLogin } from "@/lib/mfa/webauthn/verify-webauthn-login";

let t: TestDb;
let demo: Awaited<ReturnType<typeof seed>>;

beforeAll(async () => {
  t = await createMigratedDb();
  demo = await seed(t.db);
});
afterAll(() => t?.close());

const BURST = 50;
const MAX_ATTEMPTS = 10; // the org's default (S3)
// Spread over a few pending logins, so the per-login throttle (20 per login) is not what stops them.
const LOGINS = 5;
const wrongTotp = (nowMs: number) => String((Number(demoCode(nowMs)) + 500_000) % 1_000_000).padStart(6, "0");
const at = <T>(n: number, fn: (i: number) => Promise<T>) => Promise.all(Array.from({ length: n }, (_, i) => fn(i)));

type TestUser = Awaited<ReturnType<typeof createTestUser>>;
const compared = (user: TestUser, reasons: string[]) => t.db.verificationEvent.count({ where: { userId: user.id, status: "FAILED", reason: { in: reasons } } });
const lockouts = (user: TestUser) => t.db.verificationEvent.count({ where: { userId: user.id, activity: "LOCKOUT" } });
const failures = (user: TestUser) => t.db.verificationEvent.count({ where: { userId: user.id, status: "FAILED" } });

async function expectHeld(user: TestUser, reasons: string[], results: { ok: boolean }[]) {
  expect(results.every((r) => !r.ok)).toBe(true);
  expect(await compared(user, reasons)).toBe(MAX_ATTEMPTS);
  expect(await lockouts(user)).toBe(1);
  // Every attempt is one event: compared, turned away in flight, or refused as locked.
  expect(await failures(user)).toBe(BURST);
  const row = await t.db.user.findUniqueOrThrow({ where: { id: user.id } });
  expect(row.failedAttempts).toBe(MAX_ATTEMPTS);
  expect(row.lockedUntil!.getTime()).toBeGreaterThan(Date.now());
}

describe.skipIf(usePglite)(`${BURST} concurrent wrong answers compare exactly ${MAX_ATTEMPTS} and lock once`, () => {
  it("passwords", async () => {
    const user = await createTestUser(t.db, { prefix: "race-password" });
    // From 50 addresses, so neither the per-IP throttle nor anything but the lockout decides.
    const results = await at(BURST, (i) =>
      startPasswordLogin(t.db, { username: user.username, password: `wrong-${i}`, context: { ip: `198.51.100.${i}`, userAgent: "vitest" } }),
    );
    // The per-username throttle (20 an hour) turns the rest away; what is compared is the lockout's.
    expect(await compared(user, ["INVALID_CREDENTIALS"])).toBe(MAX_ATTEMPTS);
    expect(await lockouts(user)).toBe(1);
    expect(results.every((r) => !r.ok && (r.code === "INVALID_CREDENTIALS" || r.code === "RATE_LIMITED"))).toBe(true);
  });

  it("authenticator app codes", async () => {
    const user = await createTestUser(t.db, { prefix: "race-totp", totp: true });
    const now = Date.now();
    const tokens = await passwordSteps(t.db, user.username, LOGINS, now);
    const results = await at(BURST, (i) => verifyTotpAtLogin(t.db, { pendingToken: tokens[i % LOGINS]!, code: wrongTotp(now), context: ctx, nowMs: now }));
    await expectHeld(user, ["INVALID_CODE"], results);
  });

  it("temporary codes", async () => {
    const user = await createTestUser(t.db, { prefix: "race-temp", totp: true });
    const admin = demo.users["admin@acme.test"]!;
    const code = await generateTempCode({
      orgDb: forOrg(t.db, admin.orgId),
      orgId: admin.orgId,
      actor: { id: admin.id },
      targetUserId: user.id,
      expiresInHours: 1,
      maxUses: null,
      reason: "race test",
      context: ctx,
    });
    if (!code.ok || code.pendingApproval) throw new Error("no code");
    const tokens: string[] = [];
    for (let i = 0; i < LOGINS; i++) tokens.push(await passwordStepTo(t.db, user.username, "TEMP_CODE"));
    const wrong = String((Number(code.code) + 1) % 100_000_000).padStart(8, "0");
    const results = await at(BURST, (i) => verifyTempCodeAtLogin(t.db, { pendingToken: tokens[i % LOGINS]!, code: wrong, context: ctx }));
    await expectHeld(user, ["INVALID_CODE"], results);
  });

  it("recovery codes", async () => {
    const user = await createTestUser(t.db, { prefix: "race-recovery", totp: true });
    await t.db.$transaction((tx) => replaceRecoveryCodes(tx, { orgId: user.orgId, userId: user.id }));
    const tokens = await passwordSteps(t.db, user.username, LOGINS);
    const results = await at(BURST, (i) => verifyRecoveryCodeAtLogin(t.db, { pendingToken: tokens[i % LOGINS]!, code: "zzzz-zzzz-zzzz", context: ctx }));
    await expectHeld(user, ["INVALID_CODE"], results);
  });

  it("security keys", async () => {
    const user = await createTestUser(t.db, { prefix: "race-key" });
    const key = new SoftAuthenticator();
    await addKey(t.db, user.username, key);
    const logins: {
      pendingToken: string;
      options: Awaited<ReturnType<typeof beginWebAuthnLogin>> extends infer R ? (R extends { ok: true; options: infer O } ? O : never) : never;
    }[] = [];
    for (let i = 0; i < LOGINS; i++) {
      const pendingToken = await passwordStepTo(t.db, user.username, "WEBAUTHN");
      const begun = await beginWebAuthnLogin(t.db, { pendingToken });
      if (!begun.ok) throw new Error(begun.code);
      logins.push({ pendingToken, options: begun.options });
    }
    const results = await at(BURST, (i) => {
      const { pendingToken, options } = logins[i % LOGINS]!;
      return verifyWebAuthnAtLogin(t.db, { pendingToken, response: key.authenticate(options, { breakSignature: true }), context: ctx });
    });
    // A refused answer spends its challenge: later answers to it are stale, recorded, not compared.
    expect(results.every((r) => !r.ok)).toBe(true);
    // So fewer than 10 may be compared; never more, and each attempt is one event.
    expect(await compared(user, ["INVALID_KEY_RESPONSE"])).toBeGreaterThan(0);
    expect(await compared(user, ["INVALID_KEY_RESPONSE"])).toBeLessThanOrEqual(MAX_ATTEMPTS);
    expect(await lockouts(user)).toBeLessThanOrEqual(1);
    expect(await failures(user)).toBe(BURST);
  });

  it("step-up with the authenticator app and with recovery codes", async () => {
    for (const method of ["TOTP", "RECOVERY_CODE"] as const) {
      const user = await createTestUser(t.db, { prefix: `race-stepup-${method.toLowerCase()}`, totp: true });
      await t.db.$transaction((tx) => replaceRecoveryCodes(tx, { orgId: user.orgId, userId: user.id }));
      const session = await sessionFor(t.db, user);
      const now = Date.now();
      const base = { orgDb: forOrg(t.db, user.orgId), sessionId: session.id, userId: user.id, context: ctx, nowMs: now };
      const results = await at(BURST, () =>
        method === "TOTP" ? stepUpWithTotp({ ...base, code: wrongTotp(now) }) : stepUpWithRecoveryCode({ ...base, code: "zzzz-zzzz-zzzz" }),
      );
      await expectHeld(user, ["INVALID_CODE"], results);
      expect((await t.db.session.findUniqueOrThrow({ where: { id: session.id } })).level).toBe("STANDARD");
    }
  });
});

describe.skipIf(usePglite)("a right answer and a locked account", () => {
  it("the right code inside a burst of wrong ones never yields a session once the limit is hit", async () => {
    for (let run = 0; run < 3; run++) {
      const user = await createTestUser(t.db, { prefix: `race-right-${run}`, totp: true });
      const now = Date.now();
      const tokens = await passwordSteps(t.db, user.username, LOGINS, now);
      const RIGHT = 25;
      const results = await at(BURST + 1, (i) =>
        verifyTotpAtLogin(t.db, { pendingToken: tokens[i % LOGINS]!, code: i === RIGHT ? demoCode(now) : wrongTotp(now), context: ctx, nowMs: now }),
      );
      const right = results[RIGHT]!;
      // The browser would now exchange its ticket; the lock the burst reached refuses it.
      const session = right.ok
        ? await createSessionFromTicket(t.db, { ticket: right.ticket, pendingToken: tokens[RIGHT % LOGINS]!, context: ctx, nowMs: now })
        : null;
      const limitHit = (await lockouts(user)) === 1;
      if (limitHit) expect(session).toBeNull();
      // Only when the right code took one of the 10 slots first were fewer than 10 wrong ones compared.
      else expect(await compared(user, ["INVALID_CODE"])).toBeLessThan(MAX_ATTEMPTS);
      expect(await compared(user, ["INVALID_CODE"])).toBeLessThanOrEqual(MAX_ATTEMPTS);
    }
  });

  it("refuses the right code of a locked account, and a ticket earned before the lock at the exchange", async () => {
    const user = await createTestUser(t.db, { prefix: "locked-ticket", totp: true });
    const now = Date.now();
    const [early, ...others] = await passwordSteps(t.db, user.username, 3, now);
    const earned = await verifyTotpAtLogin(t.db, { pendingToken: early!, code: demoCode(now), context: ctx, nowMs: now });
    if (!earned.ok) throw new Error(earned.code);
    // Someone else locks the account before the browser exchanges its ticket.
    for (let i = 0; i < MAX_ATTEMPTS; i++) await verifyTotpAtLogin(t.db, { pendingToken: others[i % 2]!, code: wrongTotp(now), context: ctx, nowMs: now });
    expect(await lockouts(user)).toBe(1);
    expect(await createSessionFromTicket(t.db, { ticket: earned.ticket, pendingToken: early!, context: ctx, nowMs: now })).toBeNull();
    expect(await t.db.session.count({ where: { userId: user.id } })).toBe(0);
    // The exchange did not clear the lock.
    expect((await t.db.user.findUniqueOrThrow({ where: { id: user.id } })).lockedUntil).not.toBeNull();
    const later = now + 31_000;
    expect(await verifyTotpAtLogin(t.db, { pendingToken: others[0]!, code: demoCode(later), context: ctx, nowMs: later })).toMatchObject({
      ok: false,
      code: "LOCKED",
    });
  });
});
