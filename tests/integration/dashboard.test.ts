// SPEC V5: the Setup home's figures are right and only ever count the caller's org (T1) — the
// failures per day are raw SQL, which forOrg does not rewrite, so this is the proof.
import "../helpers/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { seed } from "../helpers/demo";
import { forOrg } from "@/lib/db/tenant";
import { getMfaAdoption } from "@/lib/dashboard/mfa-adoption";
import { getVerificationFailures, FAILURE_WINDOW_DAYS } from "@/lib/dashboard/verification-failures";

let t: TestDb;
let demo: Awaited<ReturnType<typeof seed>>;
const NOW_MS = Date.parse("2026-03-31T12:00:00Z");

beforeAll(async () => {
  t = await createMigratedDb();
  demo = await seed(t.db);
  const acme = demo.orgs.acme!.id;
  const globex = demo.orgs.globex!.id;
  const bob = demo.users["bob@acme.test"]!;
  await t.db.webAuthnCredential.create({
    data: { orgId: acme, userId: bob.id, name: "Key", credentialId: "bob-key", publicKey: Buffer.from([1]), deviceType: "singleDevice" },
  });
  await t.db.user.update({ where: { id: demo.users["delegate@acme.test"]!.id }, data: { lockedUntil: new Date(NOW_MS + 60_000) } });
  await t.db.tempCode.create({ data: { orgId: acme, userId: bob.id, codeHash: "h", reason: "lost phone", expiresAt: new Date(NOW_MS + 3_600_000) } });
  // Acme: 3 failures on 30 March, 1 on 2 March (first day of the window), 1 before the window,
  // and a success; Globex: 50 failures on 30 March that must not show in Acme's figures.
  const ev = (orgId: string, iso: string, status: "FAILED" | "SUCCEEDED", reason: string | null) => ({
    orgId,
    activity: "LOGIN" as const,
    status,
    reason,
    occurredAt: new Date(iso),
  });
  await t.db.verificationEvent.createMany({
    data: [
      ev(acme, "2026-03-30T01:00:00Z", "FAILED", "INVALID_CODE"),
      ev(acme, "2026-03-30T23:59:59Z", "FAILED", "INVALID_CODE"),
      ev(acme, "2026-03-30T10:00:00Z", "FAILED", "REPLAYED"),
      ev(acme, "2026-03-02T00:00:00Z", "FAILED", null),
      ev(acme, "2026-03-01T23:59:59Z", "FAILED", "INVALID_CODE"),
      ev(acme, "2026-03-30T10:00:00Z", "SUCCEEDED", null),
      ...Array.from({ length: 50 }, () => ev(globex, "2026-03-30T10:00:00Z", "FAILED", "LOCKED")),
    ],
  });
});
afterAll(() => t?.close());

describe("Setup home dashboard", () => {
  it("counts active users by method, active temp codes and locked users in the org", async () => {
    const acme = await getMfaAdoption(forOrg(t.db, demo.orgs.acme!.id), { orgId: demo.orgs.acme!.id, nowMs: NOW_MS });
    // Acme's 6 demo users: admin and alice have TOTP, bob now a key; support, delegate, api none.
    expect(acme).toEqual({ activeUsers: 6, totp: 2, webauthn: 1, recoveryCodes: 0, none: 3, tempCodesActive: 1, lockedUsers: 1 });
    const globex = await getMfaAdoption(forOrg(t.db, demo.orgs.globex!.id), { orgId: demo.orgs.globex!.id, nowMs: NOW_MS });
    expect(globex).toEqual({ activeUsers: 1, totp: 1, webauthn: 0, recoveryCodes: 0, none: 0, tempCodesActive: 0, lockedUsers: 0 });
  });

  it("groups failures by UTC day over 30 days and ranks the reasons, per org", async () => {
    const acmeId = demo.orgs.acme!.id;
    const acme = await getVerificationFailures(forOrg(t.db, acmeId), { orgId: acmeId, nowMs: NOW_MS });
    expect(acme.days).toHaveLength(FAILURE_WINDOW_DAYS);
    expect(acme.days[0]).toEqual({ day: "2026-03-02", failures: 1 });
    expect(acme.days.at(-1)).toEqual({ day: "2026-03-31", failures: 0 });
    expect(acme.days.at(-2)).toEqual({ day: "2026-03-30", failures: 3 });
    expect(acme.total).toBe(4);
    expect(acme.reasons).toEqual([
      { reason: "INVALID_CODE", label: "Invalid code", failures: 2 },
      { reason: "REPLAYED", label: "Code already used", failures: 1 },
      { reason: "UNSPECIFIED", label: "No reason recorded", failures: 1 },
    ]);
    const globexId = demo.orgs.globex!.id;
    const globex = await getVerificationFailures(forOrg(t.db, globexId), { orgId: globexId, nowMs: NOW_MS });
    expect(globex.total).toBe(50);
    expect(globex.reasons).toEqual([{ reason: "LOCKED", label: "Too many attempts", failures: 50 }]);
  });
});
