// Issue 11, faults: a server whose Postgres can't be reached answers 503 with Retry-After — pages,
// server actions and the REST API alike — says so once in its log instead of once per request,
// stays alive (liveness 200) and out of rotation (readiness 503). The built console of this e2e
// run, started a second time on its own port against a database address where nothing listens.
import { spawn, type ChildProcess } from "node:child_process";
import { encode } from "next-auth/jwt";
import { expect, test } from "@playwright/test";
import { multipartBody, serverActionsOfBuild } from "../helpers/server-action";
import { randomToken } from "@/lib/security/tokens";

const PORT = 3199;
const BASE = `http://localhost:${PORT}`;
let server: ChildProcess;
let log = "";

test.beforeAll(async () => {
  server = spawn(process.execPath, ["scripts/server.mjs"], {
    env: { ...process.env, PORT: String(PORT), NEXTAUTH_URL: BASE, DATABASE_URL: "postgresql://postgres@127.0.0.1:1/nowhere", WEB_CONCURRENCY: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.on("data", (d) => (log += d));
  server.stderr!.on("data", (d) => (log += d));
  for (let i = 0; i < 120 && !log.includes("ready on"); i++) await new Promise((r) => setTimeout(r, 250));
  expect(log).toContain("ready on");
});
test.afterAll(() => {
  server?.kill("SIGTERM");
});

test("every kind of request gets a 503 with Retry-After, and the outage is logged once", async ({ request }) => {
  const get = (path: string, headers: Record<string, string> = {}) => request.get(`${BASE}${path}`, { headers, maxRedirects: 0 });
  expect((await get("/api/health")).status()).toBe(200);
  const ready = await get("/api/ready");
  expect([ready.status(), ready.headers()["retry-after"], (await ready.json()).status]).toEqual([503, "5", "unavailable"]);

  const api = await get("/api/v1/me", { Authorization: `Bearer mfac_${randomToken(32)}` });
  expect(api.status()).toBe(503);
  expect(api.headers()["retry-after"]).toBe("5");
  expect(await api.json()).toMatchObject({ status: 503, code: "SERVICE_UNAVAILABLE" });

  const cookie = `next-auth.session-token=${await encode({ token: { sid: randomToken() }, secret: process.env.NEXTAUTH_SECRET! })}`;
  for (let i = 0; i < 5; i++) {
    const page = await get("/setup/users", { Cookie: cookie });
    expect(page.status(), "a console page").toBe(503);
    expect(page.headers()["retry-after"]).toBe("5");
  }

  const login = serverActionsOfBuild().find((a) => a.name === "loginAction")!;
  const form = multipartBody([
    ["_1_username", "admin@acme.test"],
    ["_1_password", "demo-password-1"],
    ["0", '[{},"$K1"]'],
  ]);
  const action = await request.post(`${BASE}/login`, {
    headers: { "Next-Action": login.id, Accept: "text/x-component", Origin: BASE, "Content-Type": form.contentType },
    data: form.body,
    maxRedirects: 0,
  });
  expect(action.status(), "the login action").toBe(503);

  expect(log.match(/\[db\] Postgres can't be reached/g)).toHaveLength(1);
  // Not a stack trace per request: at most a few lines beyond the one that says it.
  expect(log.split("\n").filter((l) => /ECONNREFUSED/.test(l)).length).toBeLessThanOrEqual(3);
});
