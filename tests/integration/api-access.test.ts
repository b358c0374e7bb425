// SPEC P1, P2, P4, T1 (issue 9): every REST operation refuses — with the right problem+json and
// nothing changed — a call with no token, a malformed, revoked or expired token, a token whose
// acting user was deactivated, a token without the scope (or whose user lost the permission),
// and another org's ids, which read exactly like random ones.
import "../helpers/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomUUID } from "node:crypto";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { seed } from "../helpers/demo";
import { createTestUser } from "../helpers/users";
import { callApi, makeToken } from "../helpers/api";
import { API_OPERATIONS } from "@/lib/api/v1/operations";
import type { ApiOperation } from "@/lib/http/api-operation";

let t: TestDb;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};

// Everything but what a refused call may touch: its API_CALL event, the token's last use, the throttle.
const FINGERPRINT_EXCLUDED = new Set(["verification_events", "api_tokens", "rate_limit_counters", "_prisma_migrations"]);
async function fingerprint(): Promise<string> {
  const tables = await t.sql<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY 1");
  const parts = [];
  for (const { name } of tables.filter((r) => !FINGERPRINT_EXCLUDED.has(r.name))) {
    const [row] = await t.sql<{ h: string }>(`SELECT count(*) || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM "${name}" x`);
    parts.push(`${name}=${row!.h}`);
  }
  return parts.join(" ");
}

beforeAll(async () => {
  t = await createMigratedDb();
  const demo = await seed(t.db);
  for (const u of ["bob@acme.test", "alice@acme.test", "admin@globex.test", "api@acme.test"]) ids[u] = demo.users[u]!.id;
  ids.aliceTotp = (await t.db.totpFactor.findFirstOrThrow({ where: { userId: ids["alice@acme.test"] } })).id;
  ids.globexTotp = (await t.db.totpFactor.findFirstOrThrow({ where: { userId: ids["admin@globex.test"] } })).id;
  const event = async (orgSlug: string) =>
    (await t.db.verificationEvent.create({ data: { org: { connect: { slug: orgSlug } }, activity: "LOGIN", status: "SUCCEEDED" } })).id.toString();
  ids.acmeEvent = await event("acme");
  ids.globexEvent = await event("globex");

  // B8: a paused endpoint of each org (paused: the calls' events queue no delivery), and a delivery of each.
  for (const org of ["acme", "globex"] as const) {
    const orgId = (await t.db.org.findUniqueOrThrow({ where: { slug: org } })).id;
    const endpoint = await t.db.webhookEndpoint.create({
      data: { orgId, url: "https://93.184.215.14/hooks", secretCiphertext: "v1.not.a.secret", isActive: false, pausedReason: "ADMIN" },
    });
    ids[`${org}Webhook`] = endpoint.id;
    ids[`${org}Delivery`] = (await t.db.webhookDelivery.create({ data: { orgId, endpointId: endpoint.id, status: "FAILED", attempts: 1 } })).id;
  }
  tokens.good = (await makeToken(t.db, { actingUsername: "api@acme.test" })).token;
  tokens.revoked = (await makeToken(t.db, { actingUsername: "api@acme.test", revoked: true })).token;
  tokens.expired = (await makeToken(t.db, { actingUsername: "api@acme.test", expiresAt: new Date(Date.now() - 1000) })).token;
  const gone = await createTestUser(t.db, { prefix: "api-gone", profile: "System Administrator" });
  tokens.inactive = (await makeToken(t.db, { actingUsername: gone.username })).token;
  await t.db.user.update({ where: { id: gone.id }, data: { isActive: false } });
  tokens.viewOnly = (await makeToken(t.db, { actingUsername: "api@acme.test", scopes: ["VIEW_VERIFICATION_ACTIVITY"] })).token;
  // All scopes, but its user holds no console permission: the intersection is empty (P1).
  const plain = await createTestUser(t.db, { prefix: "api-plain" });
  tokens.noPermission = (await makeToken(t.db, { actingUsername: plain.username })).token;
});
afterAll(() => t?.close());

/** A request each operation would accept from a good token (the target: a Standard User of Acme). */
function validRequest(op: ApiOperation, org: "acme" | "globex" = "acme"): { params?: Record<string, string>; body?: unknown; query?: Record<string, string> } {
  const user = org === "acme" ? ids["bob@acme.test"]! : ids["admin@globex.test"]!;
  const reason = { reason: "API access test" };
  switch (op.operationId) {
    case "resetUserMfa":
    case "resetUserPassword":
      return { params: { id: user }, body: reason };
    case "resetMfaOfUsers":
      return { body: { userIds: [user], ...reason } };
    case "generateTempCode":
      return { params: { id: user }, body: { expiresInHours: 1, ...reason } };
    case "disconnectMethod":
      return org === "acme"
        ? { params: { id: ids["alice@acme.test"]!, methodId: ids.aliceTotp! }, query: reason }
        : { params: { id: user, methodId: ids.globexTotp! }, query: reason };
    case "getEvent":
      return { params: { id: org === "acme" ? ids.acmeEvent! : ids.globexEvent! } };
    case "updateWebhook":
      return { params: { id: ids[`${org}Webhook`]! }, body: { url: "https://93.184.215.14/hooks" } };
    case "redeliverWebhook":
      return { params: { id: ids[`${org}Webhook`]!, deliveryId: ids[`${org}Delivery`]! } };
    default:
      return op.params ? { params: { id: op.tag === "webhooks" ? ids[`${org}Webhook`]! : user } } : {};
  }
}

describe("every operation refuses a caller it must not serve, and changes nothing", () => {
  const refusals: [string, keyof typeof tokens | null, number, string][] = [
    ["no token", null, 401, "API_TOKEN_MISSING"],
    ["a malformed token", "malformed" as never, 401, "API_TOKEN_INVALID"],
    ["a revoked token", "revoked", 401, "API_TOKEN_REVOKED"],
    ["an expired token", "expired", 401, "API_TOKEN_EXPIRED"],
    ["a token of a deactivated user", "inactive", 401, "API_TOKEN_USER_INACTIVE"],
  ];
  it.each(API_OPERATIONS.map((op) => [op.operationId, op] as const))("%s", async (_name, op) => {
    const before = await fingerprint();
    for (const [label, which, status, code] of refusals) {
      const token = which === null ? undefined : which === ("malformed" as never) ? "mfac_not-a-real-token" : tokens[which]!;
      const answer = await callApi(t.db, op, { token, ...validRequest(op) });
      expect([label, answer.status, (answer.body as { code: string }).code]).toEqual([label, status, code]);
      if (status === 401) expect(answer.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
    if (op.action) {
      const noPermission = await callApi(t.db, op, { token: tokens.noPermission!, ...validRequest(op) });
      expect([noPermission.status, (noPermission.body as { code: string }).code]).toEqual([403, "FORBIDDEN"]);
      if (!["console.view", "history.view"].includes(op.action)) {
        const viewOnly = await callApi(t.db, op, { token: tokens.viewOnly!, ...validRequest(op) });
        expect([viewOnly.status, (viewOnly.body as { code: string }).code]).toEqual([403, "FORBIDDEN"]);
      }
    }
    if (op.params) {
      // Another org's ids and random ids: the same 404, and nothing of the other org changes.
      for (const request of [
        validRequest(op, "globex"),
        {
          ...validRequest(op),
          params: Object.fromEntries(Object.keys(validRequest(op).params!).map((k) => [k, k === "id" && op.tag === "events" ? "999999" : randomUUID()])),
        },
      ]) {
        const answer = await callApi(t.db, op, { token: tokens.good!, ...request });
        expect([answer.status, (answer.body as { code: string }).code]).toEqual([404, expect.stringMatching(/^(NOT_FOUND|METHOD_NOT_FOUND)$/)]);
      }
    }
    expect(await fingerprint()).toBe(before);
  });

  it("reports another org's user in a bulk reset as not found, per user", async () => {
    const answer = await callApi(
      t.db,
      API_OPERATIONS.find((o) => o.operationId === "resetMfaOfUsers")!,
      { token: tokens.good!, body: { userIds: [ids["admin@globex.test"]], reason: "x" } },
    );
    expect(answer).toMatchObject({ status: 200, body: { results: [{ userId: ids["admin@globex.test"], result: "refused", code: "NOT_FOUND" }] } });
    expect(await t.db.totpFactor.count({ where: { userId: ids["admin@globex.test"] } })).toBe(1);
  });

  it("writes an API_CALL event for every call of a known token, in its org only", async () => {
    const api = await t.db.verificationEvent.findMany({ where: { activity: "API_CALL" }, select: { orgId: true, actorLabel: true, status: true } });
    expect(api.length).toBeGreaterThan(API_OPERATIONS.length);
    const acme = (await t.db.org.findUniqueOrThrow({ where: { slug: "acme" } })).id;
    expect(api.every((e) => e.orgId === acme && e.actorLabel === "API token “Test token”")).toBe(true);
  });
});
