// SPEC P2 (issue 9): bad input is never a 500. fast-check sends every operation hostile JSON
// bodies, query strings and path ids — wrong types, NUL and broken Unicode, 100 kB strings,
// far dates, huge and negative numbers, deep nesting — and each answer must be a 4xx
// problem+json (or a documented success for values that are in fact valid) with no row changed.
import "../helpers/env";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMigratedDb, type TestDb } from "../helpers/test-db";
import { seed } from "../helpers/demo";
import { callApi, makeToken } from "../helpers/api";
import { API_OPERATIONS } from "@/lib/api/v1/operations";
import { RATE_LIMITS } from "@/lib/security/rate-limits";
import { hitRateLimit } from "@/lib/security/rate-limit";
import { apiTokenHash } from "@/lib/api-tokens/token-format";

let t: TestDb;
let token: string;
let bob: string;
let apiUser: string;

const FINGERPRINTED = [
  "users",
  "totp_factors",
  "webauthn_credentials",
  "temp_codes",
  "recovery_codes",
  "sessions",
  "pending_logins",
  "mfa_reset_approvals",
  "org_settings",
  "profiles",
];
async function fingerprint(): Promise<string> {
  const parts = [];
  for (const name of FINGERPRINTED) {
    const [row] = await t.sql<{ h: string }>(`SELECT count(*) || ':' || md5(coalesce(string_agg(x::text, '|' ORDER BY x::text), '')) AS h FROM "${name}" x`);
    parts.push(row!.h);
  }
  return parts.join(" ");
}

beforeAll(async () => {
  t = await createMigratedDb();
  const demo = await seed(t.db);
  bob = demo.users["bob@acme.test"]!.id;
  apiUser = demo.users["api@acme.test"]!.id;
  ({ token } = await makeToken(t.db, { actingUsername: "api@acme.test" }));
});
afterAll(() => t?.close());

// fast-check prints counterexamples: keep the long string out of them.
const LONG = "x".repeat(100_000);
const hostileString = fc.oneof(
  fc.constantFrom(
    "",
    " ",
    "a\u0000b",
    "\ud800",
    "\ufffd",
    "9999-12-31",
    "0000-01-01",
    "-1",
    "1e309",
    "NaN",
    "null",
    "[]",
    "{}",
    "' OR 1=1 --",
    "%00",
    "../../etc",
  ),
  fc.string({ maxLength: 40 }),
  fc.constant(LONG),
);
const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    hostileString,
    fc.constantFrom(-1, 0, 1e308, -1e308, 2 ** 53, 1.5, true, false, null),
    fc.array(tie("value"), { maxLength: 3 }),
    fc.dictionary(fc.constantFrom("reason", "userIds", "expiresInHours", "maxUses", "extra", "__proto__"), tie("value"), { maxKeys: 4 }),
  ),
})).value;

describe("hostile input on every REST operation", () => {
  it.each(API_OPERATIONS.filter((op) => op.body || op.query || op.params).map((op) => [op.operationId, op] as const))(
    "%s answers 4xx and changes nothing",
    async (_name, op) => {
      const before = await fingerprint();
      await fc.assert(
        fc.asyncProperty(
          hostileValue,
          fc.dictionary(fc.constantFrom("q", "status", "limit", "cursor", "from", "to", "tz", "reason", "user", "zz"), hostileString, { maxKeys: 3 }),
          hostileString,
          async (body, query, id) => {
            // A real user half the time: bob, who has nothing to reset — except for a password reset,
            // which always changes its target, so there the token's own user (refused: SELF_ACTION)
            // still lets every body reach the operation without any reset taking place.
            const realUser = op.operationId === "resetUserPassword" ? apiUser : bob;
            const params = op.params
              ? Object.fromEntries(Object.keys(op.params.shape).map((k) => [k, k === "id" && op.path.includes("{id}") && Math.random() < 0.5 ? realUser : id]))
              : undefined;
            const answer = await callApi(t.db, op, {
              token,
              params,
              query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, v.slice(0, 2000)])),
              ...(op.body ? { body } : {}),
            });
            // Refused with a 4xx — or, for a value that happens to be valid (a read's query, a reset of
            // bob, who has nothing to reset), a documented answer; callApi checks the contract.
            expect(answer.status).toBeLessThan(500);
          },
        ),
        {
          numRuns: 40,
          reporter: (run) => {
            if (run.failed) throw new Error(`counterexample: ${JSON.stringify(run.counterexample).slice(0, 500)} — ${String(run.errorInstance).slice(0, 500)}`);
          },
        },
      );
      expect(await fingerprint()).toBe(before);
    },
    60_000,
  );

  it("throttles a token past its calls per minute, with Retry-After and the policy header", async () => {
    const nowMs = Math.floor(Date.now() / 60_000) * 60_000 + 1_000;
    const { maxHits } = RATE_LIMITS.API_CALLS_PER_TOKEN;
    for (let i = 0; i < maxHits; i++) await hitRateLimit(t.db, { limit: "API_CALLS_PER_TOKEN", subject: apiTokenHash(token)!, nowMs });
    const me = API_OPERATIONS.find((o) => o.operationId === "getMe")!;
    const answer = await callApi(t.db, me, { token, nowMs });
    expect(answer).toMatchObject({ status: 429, body: { code: "RATE_LIMITED", retryAt: new Date(nowMs - 1_000 + 60_000).toISOString() } });
    expect(answer.headers.get("retry-after")).toBe("59");
    expect(answer.headers.get("ratelimit-policy")).toBe(`"per-token";q=${maxHits};w=60`);
    expect(answer.headers.get("ratelimit")).toBe('"per-token";r=0;t=59');
  });
});
