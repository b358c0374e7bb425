// SPEC L2: an active temporary code is asked alone — the authenticator app cannot complete that
// login; and the pending login remembers which methods its challenge accepts.
import "../helpers/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { ctx, demoCode, DEMO_PASSWORD, seed } from "../helpers/demo";
import { startPasswordLogin } from "@/lib/auth/start-login";
import { verifyTotpAtLogin } from "@/lib/mfa/verify-totp-login";
import { sha256Hex } from "@/lib/security/tokens";

let t: TestDb;
let demo: Awaited<ReturnType<typeof seed>>;

beforeAll(async () => {
  t = await createMigratedDb();
  demo = await seed(t.db);
});
afterAll(() => t?.close());

describe("challenge selection", () => {
  it("asks an active temporary code alone, and refuses the authenticator app for that login", async () => {
    const alice = demo.users["alice@acme.test"]!;
    const admin = demo.users["admin@acme.test"]!;
    await t.db.tempCode.create({
      data: {
        orgId: alice.orgId,
        userId: alice.id,
        codeHash: sha256Hex("unused"),
        createdById: admin.id,
        reason: "lost phone",
        expiresAt: new Date(Date.now() + 3_600_000),
      },
    });
    const r = await startPasswordLogin(t.db, { username: alice.username, password: DEMO_PASSWORD, context: ctx });
    expect(r).toMatchObject({ ok: true, next: "TEMP_CODE" });
    if (!r.ok) return;
    const pending = await t.db.pendingLogin.findFirstOrThrow({ where: { tokenHash: sha256Hex(r.pendingToken) } });
    expect(pending.allowedMethods).toEqual(["TEMP_CODE"]);
    expect(await verifyTotpAtLogin(t.db, { pendingToken: r.pendingToken, code: demoCode(Date.now()), context: ctx })).toEqual({
      ok: false,
      code: "METHOD_NOT_ALLOWED",
    });
  });

  it("offers TOTP and recovery codes when only an authenticator app is registered", async () => {
    const r = await startPasswordLogin(t.db, { username: "admin@acme.test", password: DEMO_PASSWORD, context: ctx });
    if (!r.ok) throw new Error(r.code);
    const pending = await t.db.pendingLogin.findFirstOrThrow({ where: { tokenHash: sha256Hex(r.pendingToken) } });
    expect(pending.allowedMethods).toEqual(["TOTP", "RECOVERY_CODE"]);
    // The password step is what it is — "Password verified" — and not yet a login (V1).
    const event = await t.db.verificationEvent.findFirstOrThrow({ where: { username: "admin@acme.test", method: "PASSWORD" }, orderBy: { id: "desc" } });
    expect(event).toMatchObject({ activity: "PASSWORD_VERIFIED", status: "SUCCEEDED", detail: { next: "TOTP" } });
  });
});
