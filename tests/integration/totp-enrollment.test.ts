// L3: a user with nothing registered enrolls an authenticator app before any session exists.
import "../helpers/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { ctx, DEMO_PASSWORD, seed } from "../helpers/demo";
import { startPasswordLogin } from "@/lib/auth/start-login";
import { beginTotpEnrollment } from "@/lib/mfa/begin-totp-enrollment";
import { confirmTotpEnrollment } from "@/lib/mfa/confirm-totp-enrollment";
import { totpCodeAt } from "@/lib/mfa/totp";

let t: TestDb;

beforeAll(async () => {
  t = await createMigratedDb();
  await seed(t.db);
});
afterAll(() => t?.close());

async function enrollmentToken(): Promise<string> {
  const r = await startPasswordLogin(t.db, { username: "bob@acme.test", password: DEMO_PASSWORD, context: ctx });
  if (!r.ok || r.next !== "ENROLL") throw new Error(JSON.stringify(r));
  return r.pendingToken;
}

describe("TOTP enrollment at login", () => {
  it("shows a stable secret and an otpauth URI naming product and org; a wrong code changes nothing", async () => {
    const token = await enrollmentToken();
    const first = await beginTotpEnrollment(t.db, { pendingToken: token });
    const again = await beginTotpEnrollment(t.db, { pendingToken: token });
    if (!first.ok || !again.ok) throw new Error("enrollment did not start");
    expect(again.secret).toBe(first.secret);
    expect(first.uri).toMatch(/^otpauth:\/\/totp\/MFA%20Console%20\(Acme\):bob%40acme\.test\?secret=[A-Z2-7]+&issuer=MFA%20Console%20\(Acme\)/);
    // Stored encrypted, never as the base32 text.
    const rows = await t.sql<{ secret_ciphertext: string }>(
      "SELECT secret_ciphertext FROM totp_factors t JOIN users u ON u.id = t.user_id WHERE u.username = 'bob@acme.test'",
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.secret_ciphertext).not.toContain(first.secret);

    expect(await confirmTotpEnrollment(t.db, { pendingToken: token, code: "000000", context: ctx })).toEqual({ ok: false, code: "INVALID_CODE" });
    expect(await t.db.totpFactor.count({ where: { user: { username: "bob@acme.test" }, verifiedAt: { not: null } } })).toBe(0);
  });

  it("confirms with a valid code, records the registration, and the next login asks for TOTP", async () => {
    const token = await enrollmentToken();
    const started = await beginTotpEnrollment(t.db, { pendingToken: token });
    if (!started.ok) throw new Error("enrollment did not start");
    const confirmed = await confirmTotpEnrollment(t.db, { pendingToken: token, code: totpCodeAt(started.secret, Date.now()), context: ctx });
    expect(confirmed).toMatchObject({ ok: true });
    // B1: the first registration hands out 10 recovery codes, stored only as keyed hashes.
    if (!confirmed.ok) return;
    expect(confirmed.recoveryCodes).toHaveLength(10);
    const stored = await t.sql<{ code_hash: string }>(
      "SELECT code_hash FROM recovery_codes r JOIN users u ON u.id = r.user_id WHERE u.username = 'bob@acme.test'",
    );
    expect(stored).toHaveLength(10);
    expect(stored.map((r) => r.code_hash)).not.toContain(confirmed.recoveryCodes![0]);
    // The abandoned secret of the first test was replaced, not kept beside the new one.
    expect(await t.db.totpFactor.count({ where: { user: { username: "bob@acme.test" } } })).toBe(1);
    const event = await t.db.verificationEvent.findFirst({ where: { activity: "METHOD_REGISTERED", status: "SUCCEEDED" } });
    expect(event).toMatchObject({ method: "TOTP", username: "bob@acme.test" });
    // The registration ended the login: Activity = Login, Status = Succeeded finds it (V1); the
    // password step before it was "Password verified", and nothing of it stays Pending.
    const bobs = await t.db.verificationEvent.findMany({ where: { username: "bob@acme.test" }, orderBy: { id: "asc" } });
    expect(bobs.filter((e) => e.activity === "LOGIN" && e.status === "SUCCEEDED")).toMatchObject([{ method: "TOTP", detail: { via: "registration" } }]);
    expect(bobs.some((e) => e.activity === "PASSWORD_VERIFIED" && e.detail && (e.detail as { next?: string }).next === "ENROLL")).toBe(true);
    expect(bobs.filter((e) => e.status === "PENDING")).toEqual([]);
    const next = await startPasswordLogin(t.db, { username: "bob@acme.test", password: DEMO_PASSWORD, context: ctx });
    expect(next).toMatchObject({ ok: true, next: "TOTP" });
  });
});
