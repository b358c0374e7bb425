// The REST API as the production server answers it (lib/http/node-api.ts, in front of Next.js in
// scripts/server.mjs), over real HTTP on a real Postgres: the same answers as the route files'
// pipeline, bodies read as a web Request reads them, tenancy and one-active-code held, the
// security headers on, and everything it does not name exactly left to Next.js.
import "../helpers/env";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { seed } from "../helpers/demo";
import { createTestUser } from "../helpers/users";
import { callApi, expectContract, makeToken } from "../helpers/api";
import { API_OPERATIONS } from "@/lib/api/v1/operations";
import { createApiFastPath, type ApiFastPath } from "@/lib/http/node-api";
import { SECURITY_HEADERS } from "@/lib/http/security-headers";
import type { Db } from "@/lib/db/client";

let t: TestDb;
let token: string;
let demo: Awaited<ReturnType<typeof seed>>;
let base: string;
let server: http.Server;
const op = (id: string) => API_OPERATIONS.find((o) => o.operationId === id)!;

/** server.mjs's part: match, read the body when the operation takes one, serve; else "Next.js". */
function serveWith(api: ApiFastPath): http.Server {
  return http.createServer(async (req, res) => {
    const call = api.match(req.method ?? "", req.url ?? "/");
    if (!call) return void res.writeHead(299, { "X-Fell-Through": "next" }).end();
    const chunks: Buffer[] = [];
    if (api.takesBody(call)) for await (const chunk of req) chunks.push(chunk as Buffer);
    await api.serve(call, req, api.takesBody(call) ? Buffer.concat(chunks) : null, res);
  });
}

async function listen(s: http.Server): Promise<string> {
  await new Promise<void>((resolve) => s.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  t = await createMigratedDb();
  demo = await seed(t.db);
  token = (await makeToken(t.db, { actingUsername: "api@acme.test", name: "Fast path" })).token;
  server = serveWith(createApiFastPath({ database: async () => t.db }));
  base = await listen(server);
});
afterAll(async () => {
  await new Promise((r) => server?.close(r));
  await t?.close();
});

const get = (path: string, headers: Record<string, string> = {}) => fetch(base + path, { headers: { Authorization: `Bearer ${token}`, ...headers } });
const answerOf = async (r: Response) => ({ status: r.status, body: r.status === 204 ? null : ((await r.json()) as unknown), headers: r.headers });

describe("REST API served beside Next.js", () => {
  it("answers a read as the route files' pipeline does, with the security headers and a length", async () => {
    const bob = demo.users["bob@acme.test"]!;
    const response = await get(`/api/v1/users/${bob.id}`);
    const answer = await answerOf(response);
    expectContract(op("getUser"), answer);
    const viaRequest = await callApi(t.db, op("getUser"), { token, params: { id: bob.id } });
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual(viaRequest.body);
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) expect(response.headers.get(name)).toBe(value);
    expect(Number(response.headers.get("content-length"))).toBe(JSON.stringify(answer.body).length);
    expect(response.headers.get("ratelimit")).toMatch(/^"per-token";r=\d+;t=\d+$/);
  });

  it("reads a query string and decodes path parameters", async () => {
    const page = await answerOf(await get("/api/v1/users?q=alice&mfa=totp"));
    expect(page.body).toMatchObject({ data: [{ username: "alice@acme.test" }] });
    const bad = await answerOf(await get("/api/v1/users/not%20an%20id"));
    expect(bad).toMatchObject({ status: 400, body: { code: "INVALID_INPUT", errors: [{ field: "path.id" }] } });
    expect(await answerOf(await get("/api/v1/users?limit=1&limit=2"))).toMatchObject({ status: 400, body: { errors: [{ field: "query.limit" }] } });
  });

  it("reads a JSON body as a web Request does (a byte-order mark is dropped) and keeps one active code under 10 racing calls", async () => {
    const carol = await createTestUser(t.db, { prefix: "fastpath" });
    const post = (body: string) =>
      fetch(`${base}/api/v1/users/${carol.id}/temp-codes`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
        body,
      });
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => post(`\uFEFF${JSON.stringify({ expiresInHours: 1, reason: "Lost phone, ticket 88" })}`).then(answerOf)),
    );
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 409)).toHaveLength(9);
    for (const a of answers) expectContract(op("generateTempCode"), a);
    expect(answers.find((a) => a.status === 201)!.headers.get("cache-control")).toBe("no-store");
    expect(await t.sql("SELECT 1 FROM temp_codes WHERE user_id = $1 AND expired_at IS NULL", [carol.id])).toHaveLength(1);
    expect(await answerOf(await post("{not json"))).toMatchObject({ status: 400, body: { code: "INVALID_JSON" } });
  });

  it("answers another org's user as a random id: 404, and writes the call's event in the token's org", async () => {
    const globex = await t.db.user.findFirstOrThrow({ where: { org: { slug: "globex" } } });
    const before = await t.db.verificationEvent.count({ where: { activity: "API_CALL" } });
    expect(await answerOf(await get(`/api/v1/users/${globex.id}`))).toMatchObject({ status: 404, body: { code: "NOT_FOUND" } });
    expect(await answerOf(await get("/api/v1/users/00000000-0000-4000-8000-000000000000"))).toMatchObject({ status: 404, body: { code: "NOT_FOUND" } });
    const events = await t.db.verificationEvent.findMany({ where: { activity: "API_CALL" }, orderBy: { id: "desc" }, take: 2 });
    expect(await t.db.verificationEvent.count({ where: { activity: "API_CALL" } })).toBe(before + 2);
    expect(events.every((e) => e.orgId === demo.orgs.acme.id)).toBe(true);
    expect(await answerOf(await get("/api/v1/me", { Authorization: "Bearer mfac_nope" }))).toMatchObject({ status: 401, body: { code: "API_TOKEN_INVALID" } });
  });

  it("leaves to Next.js what it does not name exactly: other methods, HEAD, a trailing slash, unknown paths, the document", async () => {
    const api = createApiFastPath({ database: async () => t.db });
    expect(api.match("PATCH", "/api/v1/users")).toBeNull();
    expect(api.match("HEAD", "/api/v1/users")).toBeNull();
    expect(api.match("GET", "/api/v1/users/")).toBeNull();
    expect(api.match("GET", "/api/v1/nothing-here")).toBeNull();
    expect(api.match("GET", "/api/v1/openapi.json")).toBeNull();
    expect(api.match("GET", "/api/v1/users/%E0%A4%A")).toBeNull();
    expect(api.match("GET", "/setup/users")).toBeNull();
    expect(api.match("GET", "/api/v1/users//methods")).toBeNull();
    // A literal segment wins over a parameter, as in Next's router.
    expect(api.match("PUT", "/api/v1/users/mfa/reset")?.op.operationId).toBe("resetMfaOfUsers");
    expect(api.match("PUT", "/api/v1/users/abc/mfa/reset")).toMatchObject({ op: { operationId: "resetUserMfa" }, params: { id: "abc" } });
    expect(api.match("GET", "/api/v1/users?q=a#x")?.op.operationId).toBe("listUsers");
    const fell = await fetch(`${base}/api/v1/users/`, { headers: { Authorization: `Bearer ${token}` } });
    expect(fell.headers.get("x-fell-through")).toBe("next");
  });

  it("answers a database outage with 503 and Retry-After, and a bug with a bare 500 problem, never the error", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
    const down = serveWith(createApiFastPath({ database: () => Promise.reject(refused) }));
    const broken = serveWith(createApiFastPath({ database: async () => ({}) as Db }));
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const outage = await fetch(`${await listen(down)}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
      expect(outage.status).toBe(503);
      expect(outage.headers.get("retry-after")).toBe("5");
      expect(await outage.json()).toMatchObject({ code: "SERVICE_UNAVAILABLE" });
      const bug = await fetch(`${await listen(broken)}/api/v1/me`, { headers: { Authorization: `Bearer ${token}` } });
      expect(bug.status).toBe(500);
      const text = await bug.text();
      expect(JSON.parse(text)).toMatchObject({ status: 500, title: "Internal Server Error" });
      expect(text).not.toContain("TypeError");
      expect(log).toHaveBeenCalledWith("[api] GET /me failed:", expect.anything());
    } finally {
      log.mockRestore();
      await Promise.all([down, broken].map((s) => new Promise((r) => s.close(r))));
    }
  });
});
