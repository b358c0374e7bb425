// SPEC L9: the Postgres row is the truth — revoked, expired, idle or deactivated ends the session.
import "../helpers/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { ctx, demoCode, passwordStep, seed } from "../helpers/demo";
import { verifyTotpAtLogin } from "@/lib/mfa/verify-totp-login";
import { createSessionFromTicket, endSessionByToken, validateSessionToken } from "@/lib/auth/session";

let t: TestDb;
let step = 0;

beforeAll(async () => {
  t = await createMigratedDb();
  await seed(t.db);
});
afterAll(() => t?.close());

async function signIn(username: string): Promise<{ token: string; nowMs: number }> {
  // Each sign-in uses a later time step, so the demo secret's codes never replay.
  const nowMs = Date.now() + 90_000 * step++;
  const pendingToken = await passwordStep(t.db, username, nowMs);
  const verified = await verifyTotpAtLogin(t.db, { pendingToken, code: demoCode(nowMs), context: ctx, nowMs });
  if (!verified.ok) throw new Error(verified.code);
  const created = await createSessionFromTicket(t.db, { ticket: verified.ticket, pendingToken, context: ctx, nowMs });
  return { token: created!.token, nowMs };
}

describe("session validity", () => {
  it("ends when the row is revoked in the database", async () => {
    const { token, nowMs } = await signIn("admin@acme.test");
    expect(await validateSessionToken(t.db, token, nowMs)).not.toBeNull();
    await t.sql("UPDATE sessions SET revoked_at = now() WHERE token_hash = encode(sha256(convert_to($1::text, 'UTF8')), 'hex')", [token]);
    expect(await validateSessionToken(t.db, token, nowMs)).toBeNull();
  });

  it("ends after the idle timeout and after the absolute lifetime", async () => {
    const { token, nowMs } = await signIn("admin@acme.test");
    const settings = (await t.db.orgSettings.findFirstOrThrow({ where: { org: { slug: "acme" } } }))!;
    expect(await validateSessionToken(t.db, token, nowMs + (settings.sessionIdleMinutes - 1) * 60_000)).not.toBeNull();
    // The last request above refreshed last-seen; idle time counts from there.
    const lastSeen = nowMs + (settings.sessionIdleMinutes - 1) * 60_000;
    // Still valid just inside the idle window counted from that refresh (fails if it were not written).
    expect(await validateSessionToken(t.db, token, lastSeen + (settings.sessionIdleMinutes - 1) * 60_000)).not.toBeNull();
    const lastSeen2 = lastSeen + (settings.sessionIdleMinutes - 1) * 60_000;
    expect(await validateSessionToken(t.db, token, lastSeen2 + settings.sessionIdleMinutes * 60_000 + 1)).toBeNull();
    // Active every hour, so never idle: the absolute lifetime alone ends it.
    const { token: other, nowMs: t2 } = await signIn("admin@acme.test");
    const lifetimeMs = settings.sessionAbsoluteHours * 3_600_000;
    for (let at = t2 + 3_600_000; at < t2 + lifetimeMs; at += 3_600_000) {
      expect(await validateSessionToken(t.db, other, at)).not.toBeNull();
    }
    expect(await validateSessionToken(t.db, other, t2 + lifetimeMs - 1)).not.toBeNull();
    expect(await validateSessionToken(t.db, other, t2 + lifetimeMs + 1)).toBeNull();
  });

  it("ends when the user is deactivated", async () => {
    const { token, nowMs } = await signIn("admin@globex.test");
    await t.db.user.update({ where: { username: "admin@globex.test" }, data: { isActive: false } });
    expect(await validateSessionToken(t.db, token, nowMs)).toBeNull();
    await t.db.user.update({ where: { username: "admin@globex.test" }, data: { isActive: true } });
  });

  it("ends when the user is made Api Only (L11)", async () => {
    const { token, nowMs } = await signIn("admin@globex.test");
    await t.db.user.update({ where: { username: "admin@globex.test" }, data: { extraPermissions: ["API_ONLY"] } });
    expect(await validateSessionToken(t.db, token, nowMs)).toBeNull();
    await t.db.user.update({ where: { username: "admin@globex.test" }, data: { extraPermissions: [] } });
  });

  it("logs out: revokes the row and records a LOGOUT event", async () => {
    const { token, nowMs } = await signIn("admin@acme.test");
    await endSessionByToken(t.db, { token, context: ctx });
    expect(await validateSessionToken(t.db, token, nowMs)).toBeNull();
    const last = await t.db.verificationEvent.findFirst({ orderBy: { id: "desc" } });
    expect(last).toMatchObject({ activity: "LOGOUT", status: "SUCCEEDED" });
  });

  it("does not write last-seen on every request", async () => {
    const { token, nowMs } = await signIn("admin@acme.test");
    const read = async () => (await t.db.session.findFirstOrThrow({ where: { tokenHash: { not: "" } }, orderBy: { createdAt: "desc" } })).lastSeenAt;
    const initial = await read();
    await validateSessionToken(t.db, token, nowMs + 10_000);
    expect(await read()).toEqual(initial);
    await validateSessionToken(t.db, token, nowMs + 61_000);
    expect((await read()).getTime()).toBe(nowMs + 61_000);
  });
});
