// SPEC P1 (issue 9): a token is created in Setup with scopes its creator holds, acting as an Api
// Only user — never as a person, whose password and MFA it would bypass — shown once and stored
// as a SHA-256 only; revoking it stops it at the next call; both are events.
import "../helpers/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { ctx, seed } from "../helpers/demo";
import { callApi } from "../helpers/api";
import { forOrg } from "@/lib/db/tenant";
import { createApiToken } from "@/lib/api-tokens/create-api-token";
import { revokeApiToken } from "@/lib/api-tokens/revoke-api-token";
import { listApiTokens } from "@/lib/api-tokens/list-api-tokens";
import { sha256Hex } from "@/lib/security/tokens";
import { meOperation } from "@/lib/api/v1/token-operations";
import type { Permission } from "@db/generated";

let t: TestDb;
let demo: Awaited<ReturnType<typeof seed>>;
const ALL: Permission[] = ["MANAGE_USERS", "MANAGE_MFA", "VIEW_VERIFICATION_ACTIVITY"];

beforeAll(async () => {
  t = await createMigratedDb();
  demo = await seed(t.db);
});
afterAll(() => t?.close());

const asAdmin = (actorPermissions: Permission[] = ALL) => {
  const admin = demo.users["admin@acme.test"]!;
  return { orgDb: forOrg(t.db, admin.orgId), orgId: admin.orgId, actor: { id: admin.id }, actorPermissions: new Set(actorPermissions), context: ctx };
};

describe("API tokens", () => {
  it("are created once, stored hashed, listed by prefix, and revoked for good", async () => {
    const created = await createApiToken({
      ...asAdmin(),
      input: { name: "HR sync", actingUserId: demo.users["api@acme.test"]!.id, scopes: ["MANAGE_MFA"], expiresInDays: "30" },
    });
    if (!created.ok) throw new Error(created.code);
    expect(created.token).toMatch(/^mfac_[A-Za-z0-9_-]{43}$/);
    const row = await t.db.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).toBe(sha256Hex(created.token));
    expect(JSON.stringify(row)).not.toContain(created.token);
    expect(row.expiresAt!.getTime() - Date.now()).toBeGreaterThan(29 * 86_400_000);
    const listed = (await listApiTokens(asAdmin().orgDb)).find((x) => x.id === created.id)!;
    expect(listed).toMatchObject({ name: "HR sync", prefix: created.token.slice(0, 13), state: "active", permissions: ["MANAGE_MFA"] });
    expect(await callApi(t.db, meOperation, { token: created.token })).toMatchObject({ status: 200 });

    expect(await revokeApiToken({ ...asAdmin(), tokenId: created.id })).toEqual({ ok: true });
    expect(await revokeApiToken({ ...asAdmin(), tokenId: created.id })).toEqual({ ok: false, code: "API_TOKEN_REVOKED" });
    expect(await callApi(t.db, meOperation, { token: created.token })).toMatchObject({ status: 401, body: { code: "API_TOKEN_REVOKED" } });
    const events = await t.db.verificationEvent.findMany({ where: { activity: { in: ["API_TOKEN_CREATED", "API_TOKEN_REVOKED"] } }, orderBy: { id: "asc" } });
    expect(events.map((e) => e.activity)).toEqual(["API_TOKEN_CREATED", "API_TOKEN_REVOKED"]);
    expect(JSON.stringify(events.map((e) => e.detail))).not.toContain(created.token);
  });

  it("never carry more than the creator holds, nor act as a person or another org's user", async () => {
    const input = { name: "x", actingUserId: demo.users["api@acme.test"]!.id, scopes: ALL as never, expiresInDays: "never" as const };
    expect(await createApiToken({ ...asAdmin(["MANAGE_MFA"]), input })).toEqual({ ok: false, code: "PERMISSION_ESCALATION" });
    expect(await createApiToken({ ...asAdmin(), input: { ...input, actingUserId: demo.users["alice@acme.test"]!.id } })).toEqual({
      ok: false,
      code: "API_TOKEN_USER_NOT_API_ONLY",
    });
    expect(await createApiToken({ ...asAdmin(), input: { ...input, actingUserId: demo.users["admin@globex.test"]!.id } })).toEqual({
      ok: false,
      code: "NOT_FOUND",
    });
    const globex = demo.users["admin@globex.test"]!;
    const acmeToken = (await listApiTokens(asAdmin().orgDb))[0]!;
    expect(
      await revokeApiToken({ orgDb: forOrg(t.db, globex.orgId), orgId: globex.orgId, actor: { id: globex.id }, tokenId: acmeToken.id, context: ctx }),
    ).toEqual({ ok: false, code: "NOT_FOUND" });
    expect(await t.db.apiToken.count({ where: { name: "x" } })).toBe(0);
  });
});
