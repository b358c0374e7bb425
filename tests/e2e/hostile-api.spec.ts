// Hostile input at every operation of the REST API (/api/v1), over real HTTP: tokens no Setup
// made (a 401 problem+json saying WWW-Authenticate: Bearer, nothing written), then — with a valid
// token of Acme's integration user, one per operation so the per-token throttle never answers
// first — path ids, JSON bodies, Content-Types and query strings no client of ours sends. Every
// answer must be the hostile part's 4xx as problem+json with a `code` (or the edge's plain-text
// refusal of a path that is no UTF-8 and of a body over 1 MB), and no row may change but what a
// call of a known token writes: one API_CALL event, the token's last use, the throttle's counter
// (./hostile/answers.ts). The actions, pages and other route handlers are in the other hostile
// specs. HOSTILE_INPUT_TRACE=1 prints each request.
import { expect, test, type APIRequestContext } from "@playwright/test";
import { API_OPERATIONS } from "@/lib/api/v1/operations";
import { expectApiRefused, probes, startApiBaseline } from "./hostile/answers";
import { bodyProbes, pathProbes, queryProbes, tokenProbes, type ApiProbe } from "./hostile/api";
import { fingerprint, makeApiToken } from "./hostile/database";
import { UNKNOWN_API_CALLS, UNROUTED_API_CALLS } from "./hostile/route-handlers";
import { setUpHostileWorld, world } from "./hostile/world";

setUpHostileWorld();

const tokens = new Map<string, string>();
test.beforeAll(async () => {
  for (const op of API_OPERATIONS) tokens.set(op.operationId, (await makeApiToken("api@acme.test", op.operationId)).token);
});
const tokenOf = (op: { operationId: string }) => tokens.get(op.operationId)!;

async function send(request: APIRequestContext, probe: ApiProbe) {
  await request.clearCookies();
  const auth = probe.auth === undefined ? `Bearer ${tokenOf({ operationId: probe.operationId ?? "getMe" })}` : probe.auth;
  // Bytes, always: Playwright would JSON-encode a string under a JSON Content-Type that is no JSON.
  const data = typeof probe.data === "string" ? Buffer.from(probe.data) : probe.data;
  return request.fetch(probe.path, {
    method: probe.method,
    headers: { ...(auth === null ? {} : { Authorization: auth }), ...probe.headers },
    data,
    maxRedirects: 0,
  });
}

test("every API operation refuses a missing, malformed, unknown or revoked token: 401 problem+json, nothing written", async ({ request }) => {
  await startApiBaseline();
  for (const probe of tokenProbes(world(), tokenOf)) await expectApiRefused(probe.label, await send(request, probe), { status: probe.status, known: false });
});

test("with a valid token, hostile path ids, bodies, Content-Types and queries get their 4xx problem+json and change nothing but the call's own rows", async ({
  request,
}) => {
  // Hundreds of requests, on a lane that runs beside the other specs' (scripts/e2e.ts).
  test.setTimeout(240_000);
  await startApiBaseline();
  const sent = [...pathProbes(world()), ...bodyProbes(), ...queryProbes()];
  for (const probe of sent) await expectApiRefused(probe.label, await send(request, probe), { status: probe.status, edge: probe.edge, known: true });
  // Every operation got hostile values (at least the query parameters no operation reads).
  expect(API_OPERATIONS.filter((op) => !sent.some((p) => p.operationId === op.operationId)).map((op) => op.operationId)).toEqual([]);
});

test("a path under /api/v1 that is no operation's is a 404 problem, a method no operation has a 4xx problem, and the OpenAPI document is JSON", async ({
  request,
}) => {
  await startApiBaseline();
  const calls = [...UNKNOWN_API_CALLS.map(([m, p]) => [m, p, 404] as const), ...UNROUTED_API_CALLS.map(([m, p]) => [m, p, undefined] as const)];
  for (const [method, path, status] of calls) {
    for (const auth of [null, undefined]) {
      const probe: ApiProbe = {
        label: `${auth === null ? "no token" : "valid token"}: ${method} ${path}`,
        method,
        path,
        auth,
        ...(method === "GET" ? {} : { headers: { "Content-Type": "application/json" }, data: "{}" }),
      };
      await expectApiRefused(probe.label, await send(request, probe), { status, known: false });
    }
  }
  // Public, like the docs page: it ignores what it is sent.
  for (const [label, path, auth] of [
    ["no token", "/api/v1/openapi.json", null],
    ["an unknown token and a hostile query", "/api/v1/openapi.json?x=%00&x=%ED%A0%80", `Bearer mfac_${"x".repeat(43)}`],
  ] as const) {
    probes.count++;
    const response = await send(request, { label, method: "GET", path, auth });
    expect.soft(response.status(), `GET ${path} (${label})`).toBe(200);
    expect.soft(response.headers()["content-type"], `GET ${path} (${label}): JSON`).toMatch(/^application\/json/);
    const document = (await response.json().catch(() => null)) as { openapi?: string; paths?: Record<string, unknown> } | null;
    expect.soft(document?.openapi, `GET ${path} (${label}): an OpenAPI 3.1 document`).toMatch(/^3\.1\./);
    expect
      .soft(Object.keys(document?.paths ?? {}).length, `GET ${path} (${label}): every operation's path`)
      .toBe(new Set(API_OPERATIONS.map((op) => op.path)).size);
    expect.soft(await fingerprint.changedSince(), `GET ${path} (${label}): no row changed`).toEqual([]);
  }
});
