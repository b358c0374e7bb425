// SPEC A1: each row of Setup > Users shows the methods a user really has — confirmed
// authenticator apps only, every key, a temporary code only while it is active — and agrees with
// the MFA filters.
import "../helpers/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { seed } from "../helpers/demo";
import { forOrg } from "@/lib/db/tenant";
import { listUsers, type UserListRow } from "@/lib/users/list-users";

let t: TestDb;
let orgId: string;
const NOW_MS = Date.parse("2026-06-01T12:00:00Z");
const HOUR_MS = 3_600_000;

beforeAll(async () => {
  t = await createMigratedDb();
  const demo = await seed(t.db);
  orgId = demo.orgs.acme!.id;
  const profileId = demo.users["bob@acme.test"]!.profileId;
  const make = (username: string) => t.db.user.create({ data: { orgId, profileId, username, name: username, passwordHash: "x" } });
  const [apps, keys, code, spent] = await Promise.all(["m-apps@acme.test", "m-keys@acme.test", "m-code@acme.test", "m-spent@acme.test"].map(make));
  const totp = (userId: string, verified: boolean) => ({
    orgId,
    userId,
    name: "App",
    secretCiphertext: "v1.x",
    verifiedAt: verified ? new Date(NOW_MS) : null,
  });
  await t.db.totpFactor.createMany({ data: [totp(apps!.id, true), totp(apps!.id, true), totp(apps!.id, false), totp(keys!.id, false)] });
  await t.db.webAuthnCredential.createMany({
    data: ["k1", "k2"].map((credentialId) => ({
      orgId,
      userId: keys!.id,
      name: credentialId,
      credentialId,
      publicKey: new Uint8Array([1]),
      deviceType: "singleDevice",
    })),
  });
  const tempCode = (userId: string, expiresAtMs: number, expiredAtMs: number | null) => ({
    orgId,
    userId,
    codeHash: "h",
    reason: "lost phone",
    createdByLabel: "test",
    expiresAt: new Date(expiresAtMs),
    expiredAt: expiredAtMs === null ? null : new Date(expiredAtMs),
  });
  await t.db.tempCode.createMany({
    data: [
      tempCode(code!.id, NOW_MS + HOUR_MS, null), // active
      tempCode(code!.id, NOW_MS - HOUR_MS, null), // an older one that ran out
      tempCode(spent!.id, NOW_MS + HOUR_MS, NOW_MS - 1_000), // Expire Now before its expiry
    ],
  });
});
afterAll(() => t?.close());

async function rows(filters: Parameters<typeof listUsers>[1] = {}): Promise<Record<string, UserListRow>> {
  const page = await listUsers(forOrg(t.db, orgId), { pageSize: 100, nowMs: NOW_MS, ...filters });
  return Object.fromEntries(page.rows.map((r) => [r.username, r]));
}

describe("users list methods", () => {
  it("counts confirmed apps and every key, and flags only an active temporary code", async () => {
    const all = await rows();
    expect(all["m-apps@acme.test"]).toMatchObject({ totpCount: 2, webauthnCount: 0, tempCodeActive: false });
    expect(all["m-keys@acme.test"]).toMatchObject({ totpCount: 0, webauthnCount: 2, tempCodeActive: false });
    expect(all["m-code@acme.test"]).toMatchObject({ totpCount: 0, webauthnCount: 0, tempCodeActive: true });
    expect(all["m-spent@acme.test"]).toMatchObject({ totpCount: 0, webauthnCount: 0, tempCodeActive: false });
    // The demo's own: admin and alice have a confirmed app.
    expect(all["alice@acme.test"]).toMatchObject({ totpCount: 1, webauthnCount: 0 });
    // Later, the active code has run out too.
    const later = await listUsers(forOrg(t.db, orgId), { pageSize: 100, nowMs: NOW_MS + 2 * HOUR_MS });
    expect(later.rows.find((r) => r.username === "m-code@acme.test")!.tempCodeActive).toBe(false);
  });

  it("agrees with the MFA filters", async () => {
    const all = Object.values(await rows());
    const names = (r: Record<string, UserListRow>) => Object.keys(r).sort();
    const where = (keep: (r: UserListRow) => boolean) =>
      all
        .filter(keep)
        .map((r) => r.username)
        .sort();
    expect(names(await rows({ filters: { mfa: "totp" } }))).toEqual(where((r) => r.totpCount > 0));
    expect(names(await rows({ filters: { mfa: "webauthn" } }))).toEqual(where((r) => r.webauthnCount > 0));
    expect(names(await rows({ filters: { mfa: "temp-code" } }))).toEqual(where((r) => r.tempCodeActive));
    expect(names(await rows({ filters: { mfa: "none" } }))).toEqual(where((r) => r.totpCount === 0 && r.webauthnCount === 0));
  });
});
