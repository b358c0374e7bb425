// SPEC P2, P4 (issue 9): each REST operation does what the console does, through the same lib
// verbs and rules — events with the token as actor in the action's transaction, self-action,
// reasons, one active code (also under 10 racing calls), six codes an hour (429 + Retry-After),
// second-administrator approval (202) — and every answer matches the OpenAPI document.
import "../helpers/env";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { seed } from "../helpers/demo";
import { usePglite } from "../helpers/pg";
import { createTestUser } from "../helpers/users";
import { callApi, expectContract, makeToken } from "../helpers/api";
import { API_OPERATIONS } from "@/lib/api/v1/operations";

let t: TestDb;
let token: string;
let demo: Awaited<ReturnType<typeof seed>>;
const op = (id: string) => API_OPERATIONS.find((o) => o.operationId === id)!;
const call = (id: string, opts: Parameters<typeof callApi>[2] = {}) => callApi(t.db, op(id), { token, ...opts });

beforeAll(async () => {
  t = await createMigratedDb();
  demo = await seed(t.db);
  token = (await makeToken(t.db, { actingUsername: "api@acme.test", name: "CI sync" })).token;
});
afterAll(() => t?.close());

describe("REST operations", () => {
  it("lists users with filters and cursors, and reads one user with its methods", async () => {
    const first = await call("listUsers", { query: { limit: "2" } });
    expect(first.status).toBe(200);
    const page = first.body as { data: { username: string }[]; nextCursor: string };
    expect(page.data).toHaveLength(2);
    const second = await call("listUsers", { query: { limit: "2", cursor: page.nextCursor } });
    expect((second.body as { data: { username: string }[] }).data[0]!.username).not.toBe(page.data[1]!.username);
    expect(await call("listUsers", { query: { q: "alice", mfa: "totp" } })).toMatchObject({
      body: { data: [{ username: "alice@acme.test", methods: ["TOTP"] }] },
    });
    expect((await call("listUsers", { query: { q: "globex" } })).body).toEqual({ data: [], nextCursor: null });
    expect(await call("listUsers", { query: { cursor: "bm90LWEtY3Vyc29y" } })).toMatchObject({ status: 400, body: { errors: [{ field: "query.cursor" }] } });
    const alice = demo.users["alice@acme.test"]!;
    expect(await call("getUser", { params: { id: alice.id } })).toMatchObject({
      status: 200,
      body: { username: "alice@acme.test", status: "active", methods: [{ type: "TOTP" }], recoveryCodesLeft: 0 },
    });
    expect(await call("listMethods", { params: { id: alice.id } })).toMatchObject({
      status: 200,
      body: { data: [{ type: "TOTP", name: "Authenticator app" }] },
    });
  });

  it("resets MFA (the seed's operation) with its event and the API call, both naming the token", async () => {
    const user = await createTestUser(t.db, { prefix: "api-reset", totp: true });
    const answer = await call("resetUserMfa", { params: { id: user.id }, body: { reason: "Lost phone" } });
    expect(answer).toMatchObject({ status: 200, body: { userId: user.id, result: "reset", removed: { authenticatorApps: 1 } } });
    expect(await t.db.totpFactor.count({ where: { userId: user.id } })).toBe(0);
    const reset = await t.db.verificationEvent.findFirstOrThrow({ where: { userId: user.id, activity: "MFA_RESET" } });
    expect(reset).toMatchObject({ actorId: demo.users["api@acme.test"]!.id, actorLabel: "API token “CI sync”", detail: { reason: "Lost phone" } });
    const apiCall = await t.db.verificationEvent.findFirstOrThrow({ where: { activity: "API_CALL" }, orderBy: { id: "desc" } });
    expect(apiCall).toMatchObject({ status: "SUCCEEDED", method: "API_TOKEN", detail: { route: "PUT /api/v1/users/{id}/mfa/reset", status: 200 } });
    // A reason is required, and unknown fields are refused with a field message.
    expect(await call("resetUserMfa", { params: { id: user.id }, body: { reason: " " } })).toMatchObject({
      status: 400,
      body: { code: "INVALID_INPUT", errors: [{ field: "body.reason" }] },
    });
    expect(await call("resetUserMfa", { params: { id: user.id }, body: { reason: "x", force: true } })).toMatchObject({
      status: 400,
      body: { code: "INVALID_INPUT" },
    });
    expect(await call("resetUserMfa", { params: { id: user.id }, rawBody: "{not json" })).toMatchObject({ status: 400, body: { code: "INVALID_JSON" } });
    expect(
      await call("resetUserMfa", { params: { id: user.id }, rawBody: "reason=x", headers: { "Content-Type": "application/x-www-form-urlencoded" } }),
    ).toMatchObject({ status: 415 });
    expect(await call("resetUserMfa", { params: { id: user.id }, body: { reason: "x" }, headers: { "Content-Type": "application/jsonx" } })).toMatchObject({
      status: 415,
    });
    // The token acts as api@acme.test: never on its own account (B3).
    expect(await call("resetUserMfa", { params: { id: demo.users["api@acme.test"]!.id }, body: { reason: "self" } })).toMatchObject({
      status: 403,
      body: { code: "SELF_ACTION" },
    });
  });

  it("resets many users with a result each, and asks a second administrator for administrators (202)", async () => {
    const plain = await createTestUser(t.db, { prefix: "api-bulk", totp: true });
    const admin = await createTestUser(t.db, { prefix: "api-bulk-admin", profile: "System Administrator", totp: true });
    await t.db.orgSettings.update({ where: { orgId: plain.orgId }, data: { requireSecondAdminForAdminReset: true } });
    try {
      const answer = await call("resetMfaOfUsers", { body: { userIds: [plain.id, admin.id, plain.id], reason: "Offboarding" } });
      expect(answer.body).toEqual({
        results: [
          { userId: plain.id, result: "reset" },
          { userId: admin.id, result: "pending-approval" },
        ],
      });
      const other = await createTestUser(t.db, { prefix: "api-one-admin", profile: "System Administrator", totp: true });
      expect(await call("resetUserMfa", { params: { id: other.id }, body: { reason: "Lost" } })).toMatchObject({
        status: 202,
        body: { result: "pending-approval" },
      });
      expect(await t.db.totpFactor.count({ where: { userId: other.id } })).toBe(1);
    } finally {
      await t.db.orgSettings.update({ where: { orgId: plain.orgId }, data: { requireSecondAdminForAdminReset: false } });
    }
  });

  it("issues a temporary code once (201, no-store), refuses a second, expires it, and limits six an hour", async () => {
    const user = await createTestUser(t.db, { prefix: "api-temp", totp: true });
    const body = { expiresInHours: 2, maxUses: 1, reason: "Lost phone" };
    const issued = await call("generateTempCode", { params: { id: user.id }, body });
    expect(issued).toMatchObject({ status: 201, body: { userId: user.id, code: expect.stringMatching(/^\d{4} \d{4}$/) } });
    expect(issued.headers.get("cache-control")).toBe("no-store");
    expect(issued.headers.get("ratelimit")).toMatch(/^"per-token";r=\d+;t=\d+$/);
    expect(await call("generateTempCode", { params: { id: user.id }, body })).toMatchObject({ status: 409, body: { code: "TEMP_CODE_ACTIVE" } });
    expect(await call("expireTempCode", { params: { id: user.id } })).toMatchObject({ status: 204 });
    expect(await call("expireTempCode", { params: { id: user.id } })).toMatchObject({ status: 409, body: { code: "NO_ACTIVE_TEMP_CODE" } });
    for (let i = 0; i < 5; i++) {
      await call("generateTempCode", { params: { id: user.id }, body });
      await call("expireTempCode", { params: { id: user.id } });
    }
    const seventh = await call("generateTempCode", { params: { id: user.id }, body });
    expect(seventh).toMatchObject({ status: 429, body: { code: "TEMP_CODE_RATE_LIMITED", retryAt: expect.any(String) } });
    expect(Number(seventh.headers.get("retry-after"))).toBeGreaterThan(3000);
    expect(await call("generateTempCode", { params: { id: user.id }, body: { ...body, expiresInHours: 25 } })).toMatchObject({
      status: 400,
      body: { errors: [{ field: "body.expiresInHours" }] },
    });
  });

  it.skipIf(usePglite)("gives exactly one active code to 10 concurrent calls", async () => {
    const user = await createTestUser(t.db, { prefix: "api-race", totp: true });
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => call("generateTempCode", { params: { id: user.id }, body: { expiresInHours: 1, reason: "race" } })),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(9);
    expect(await t.db.tempCode.count({ where: { userId: user.id } })).toBe(1);
  });

  it("disconnects one method with the reason from the query, unlocks and ends sessions", async () => {
    const user = await createTestUser(t.db, { prefix: "api-account", totp: true });
    const app = await t.db.totpFactor.findFirstOrThrow({ where: { userId: user.id } });
    expect(await call("disconnectMethod", { params: { id: user.id, methodId: app.id } })).toMatchObject({
      status: 400,
      body: { errors: [{ field: "query.reason" }] },
    });
    expect(await call("disconnectMethod", { params: { id: user.id, methodId: app.id }, query: { reason: "Phone lost" } })).toMatchObject({
      status: 200,
      body: { result: "disconnected", name: "Authenticator app" },
    });
    expect(await call("disconnectMethod", { params: { id: user.id, methodId: app.id }, query: { reason: "again" } })).toMatchObject({
      status: 404,
      body: { code: "METHOD_NOT_FOUND" },
    });
    expect(await call("unlockUser", { params: { id: user.id } })).toMatchObject({ status: 409, body: { code: "NOT_LOCKED" } });
    await t.db.user.update({ where: { id: user.id }, data: { failedAttempts: 10, lockedUntil: new Date(Date.now() + 60_000) } });
    expect(await call("unlockUser", { params: { id: user.id } })).toMatchObject({ status: 200, body: { result: "unlocked" } });
    expect(await call("revokeSessions", { params: { id: user.id } })).toMatchObject({ status: 200, body: { revoked: 0 } });
  });

  it("reads the history with filters and cursors, and says who the token is", async () => {
    const page = await call("listEvents", { query: { activity: "API_CALL", limit: "3" } });
    expect(page).toMatchObject({ status: 200, body: { data: [{ activity: "API_CALL", actor: "Acme Integration via API token “CI sync”" }, {}, {}] } });
    const next = await call("listEvents", { query: { activity: "API_CALL", limit: "3", cursor: (page.body as { nextCursor: string }).nextCursor } });
    expect((next.body as { data: { id: string }[] }).data[0]!.id).not.toBe((page.body as { data: { id: string }[] }).data[2]!.id);
    const one = (page.body as { data: { id: string }[] }).data[0]!;
    expect(await call("getEvent", { params: { id: one.id } })).toMatchObject({ status: 200, body: { id: one.id } });
    expect(await call("listEvents", { query: { to: "9999-12-31" } })).toMatchObject({ status: 400, body: { errors: [{ field: "query.to" }] } });
    expect(await call("listEvents", { query: { bogus: "1" } })).toMatchObject({ status: 400 });
    expect(await call("listEvents", { query: "status=FAILED&status=SUCCEEDED" })).toMatchObject({ status: 400, body: { errors: [{ field: "query.status" }] } });
    expect(await call("getMe")).toMatchObject({
      status: 200,
      body: {
        org: { slug: "acme" },
        actingUser: { username: "api@acme.test" },
        token: { name: "CI sync", effectiveScopes: ["MANAGE_USERS", "MANAGE_MFA", "VIEW_VERIFICATION_ACTIVITY"] },
      },
    });
  });

  it("takes a permission from a token the moment its user loses it (scopes ∩ permissions)", async () => {
    const integration = await createTestUser(t.db, { prefix: "api-narrow", profile: "System Administrator" });
    const own = (await makeToken(t.db, { actingUsername: integration.username, scopes: ["MANAGE_MFA", "VIEW_VERIFICATION_ACTIVITY"] })).token;
    expect(await callApi(t.db, op("getMe"), { token: own })).toMatchObject({
      body: { token: { effectiveScopes: ["MANAGE_MFA", "VIEW_VERIFICATION_ACTIVITY"] } },
    });
    const support = await t.db.profile.findFirstOrThrow({ where: { orgId: integration.orgId, name: "Support Agent" } });
    await t.db.user.update({ where: { id: integration.id }, data: { profileId: support.id } });
    expect(await callApi(t.db, op("getMe"), { token: own })).toMatchObject({ body: { token: { effectiveScopes: ["VIEW_VERIFICATION_ACTIVITY"] } } });
    expect(await callApi(t.db, op("resetUserMfa"), { token: own, params: { id: demo.users["bob@acme.test"]!.id }, body: { reason: "x" } })).toMatchObject({
      status: 403,
    });
  });

  it("has a contract check that catches an answer the document does not promise", () => {
    expect(() => expectContract(op("getMe"), { status: 200, body: { org: "nope" }, headers: new Headers({ "content-type": "application/json" }) })).toThrow();
    expect(() => expectContract(op("getMe"), { status: 418, body: {}, headers: new Headers() })).toThrow();
  });
});
