// Hostile input at every page and route handler of the console: paths with ids of no row or of
// another org and broken percent-encoding, query parameters no link of ours makes, form fields no
// form of ours sends, and cookies no login made — once without a session and once as a High
// Assurance administrator (and, for the login steps, with a real pending login). Every answer
// must be a page, a redirect or a 4xx with something to read, never a 5xx, and must leave every
// table as it was (./hostile/answers.ts). The server actions get the same in
// hostile-actions.spec.ts. HOSTILE_INPUT_TRACE=1 prints each request with its answer.
import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { multipartBody, type FieldValue } from "../helpers/server-action";
import { expectAnswered, probes } from "./hostile/answers";
import { fingerprint } from "./hostile/database";
import { ANY_PAGE_QUERIES, HOSTILE_SESSION_PAGES, identitiesFor, pageProbes } from "./hostile/pages";
import {
  EXPORT_FIELDS,
  GUARDED_AUTH_PATHS,
  HOSTILE_ASSET_FILES,
  NEXT_AUTH_PATHS,
  SIGNOUT_CALLBACK_URLS,
  USER_SEARCH_QUERIES,
  hostileTickets,
} from "./hostile/route-handlers";
import { TEXT_OVER_1_MB, urlEncoded } from "./hostile/values";
import { BASE_URL, setUpHostileWorld, world } from "./hostile/world";

setUpHostileWorld();

test("every page answers hostile paths, query parameters and cookies without a 5xx or a changed row", async ({ request }) => {
  // Hundreds of requests, on a lane that runs beside the other specs' (scripts/e2e.ts).
  test.setTimeout(240_000);
  const get = async (path: string, cookie?: string) => {
    await request.clearCookies();
    return request.get(path, { headers: cookie ? { Cookie: cookie } : {}, maxRedirects: 0 });
  };
  for (const page of pageProbes(world())) {
    for (const { who, plainOnly } of identitiesFor(world(), page.path)) {
      const queries = plainOnly ? [""] : [...page.queries, ...(page.hostilePath ? [] : ANY_PAGE_QUERIES)];
      for (const query of queries) {
        await expectAnswered(`${who.label}: GET ${page.path.slice(0, 120)}${query.slice(0, 120)}`, await get(page.path + query, who.cookie), {
          mayChange: page.mayChange,
        });
      }
    }
  }
  // A session cookie no login made is no session, on any page.
  for (const who of world().hostileSessionCookies) {
    for (const path of HOSTILE_SESSION_PAGES) await expectAnswered(`${who.label}: GET ${path}`, await get(path, who.cookie));
  }
});

test("the route handlers answer hostile input with a 4xx and a JSON error", async ({ request }) => {
  test.setTimeout(60_000);
  const send = async (method: "GET" | "POST", path: string, opts: { cookie?: string; headers?: Record<string, string>; data?: Buffer | string } = {}) => {
    await request.clearCookies();
    return request.fetch(path, {
      method,
      headers: { Origin: BASE_URL, ...(opts.cookie ? { Cookie: opts.cookie } : {}), ...opts.headers },
      data: opts.data,
      maxRedirects: 0,
    });
  };
  const { ids, anonymous, admin, pendingTotp } = world();

  // The history's user type-ahead.
  for (const who of [anonymous, admin]) {
    for (const query of USER_SEARCH_QUERIES) {
      await expectAnswered(`${who.label}: GET /setup/activity/users${query}`, await send("GET", `/setup/activity/users${query}`, { cookie: who.cookie }), {
        json: true,
      });
    }
  }

  // The CSV export: a POST of the history's filters; a GET is no way to start one.
  for (const who of [anonymous, admin]) {
    await expectAnswered(`${who.label}: GET /setup/activity/export`, await send("GET", "/setup/activity/export", { cookie: who.cookie }), { json: true });
    for (const [name, values] of Object.entries(EXPORT_FIELDS)) {
      for (const hostile of values) {
        const { body, contentType } = multipartBody(hostile.values.map((v) => [name, v]));
        await expectAnswered(
          `${who.label}: POST /setup/activity/export ${name}=${hostile.label}`,
          await send("POST", "/setup/activity/export", { cookie: who.cookie, headers: { "Content-Type": contentType }, data: body }),
          { json: true },
        );
      }
    }
    await expectAnswered(
      `${who.label}: POST /setup/activity/export as JSON`,
      await send("POST", "/setup/activity/export", { cookie: who.cookie, headers: { "Content-Type": "application/json" }, data: '{"from":"9999-12-31"}' }),
      { json: true },
    );
    await expectAnswered(
      `${who.label}: POST /setup/activity/export urlencoded tz=%00`,
      await send("POST", "/setup/activity/export", {
        cookie: who.cookie,
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        data: "tz=%00&from=0000-01-01",
      }),
      { json: true },
    );
    const overLimit = multipartBody([["from", TEXT_OVER_1_MB]]);
    await expectAnswered(
      `${who.label}: POST /setup/activity/export over 1 MB`,
      await send("POST", "/setup/activity/export", { cookie: who.cookie, headers: { "Content-Type": overLimit.contentType }, data: overLimit.body }),
    );
  }
  // Well-formed ids of no user of this org are a valid filter: an export of nothing, recorded as
  // an export (one event) — and never a row of the other org.
  for (const [label, user] of [
    ["random uuid", randomUUID()],
    ["Globex user's id", ids.globexAdmin],
  ]) {
    const { body, contentType } = multipartBody([["user", user!]]);
    const response = await send("POST", "/setup/activity/export", { cookie: admin.cookie, headers: { "Content-Type": contentType }, data: body });
    const csv = await response.text();
    expect.soft(response.status(), `admin: POST /setup/activity/export user=${label}`).toBe(200);
    expect.soft(csv.trim().split("\n"), `admin: POST /setup/activity/export user=${label}: the header row only`).toHaveLength(1);
    expect
      .soft(await fingerprint.changedSince(["verification_events"]), `admin: POST /setup/activity/export user=${label}: only the export's event`)
      .toEqual([]);
    probes.count++;
  }

  // The API docs' assets: the two names it serves, and never a file for any other name.
  for (const file of ["swagger-ui-bundle.js", "start.js?v=%00"]) {
    const response = await send("GET", `/docs/api/assets/${file}`);
    expect.soft([response.status(), response.headers()["content-type"]], `GET /docs/api/assets/${file}`).toEqual([200, "text/javascript; charset=utf-8"]);
  }
  for (const file of HOSTILE_ASSET_FILES) {
    const label = `anonymous: GET /docs/api/assets/${file.slice(0, 120)}`;
    const response = await send("GET", `/docs/api/assets/${file}`);
    const text = await response.text();
    expect.soft(response.status(), `${label}: refused, not served`).toBeGreaterThanOrEqual(400);
    expect.soft(text.length < 200 && !text.includes("mfa-console"), `${label}: no file, got ${text.slice(0, 100)}`).toBe(true);
    await expectAnswered(label, response);
  }

  // next-auth: what no browser of ours sends.
  const csrf = await send("GET", "/api/auth/csrf");
  const csrfToken = ((await csrf.json()) as { csrfToken: string }).csrfToken;
  const csrfCookie = csrf
    .headersArray()
    .find((h) => h.name.toLowerCase() === "set-cookie" && h.value.includes("csrf-token"))!
    .value.split(";")[0]!;
  await fingerprint.changedSince();
  for (const who of [anonymous, admin]) {
    // What lib/next/auth-route-guard.ts refuses answers a JSON error.
    for (const path of GUARDED_AUTH_PATHS) {
      await expectAnswered(`${who.label}: GET ${path}`, await send("GET", path, { cookie: who.cookie }), { json: true });
    }
    // The rest goes to next-auth, whose own refusals are plain text (or a redirect to /login).
    for (const path of NEXT_AUTH_PATHS) {
      await expectAnswered(`${who.label}: GET ${path}`, await send("GET", path, { cookie: who.cookie }));
    }
    await expectAnswered(
      `${who.label}: GET /api/auth/session with a remembered callback URL http://[::1`,
      await send("GET", "/api/auth/session", { cookie: [who.cookie, "next-auth.callback-url=http://[::1"].filter(Boolean).join("; ") }),
      { json: true },
    );
  }
  const ticketCookies = (pending?: string) => [csrfCookie, pending].filter(Boolean).join("; ");
  for (const pending of [undefined, pendingTotp.cookie]) {
    for (const hostile of hostileTickets()) {
      const form = urlEncoded([["csrfToken", csrfToken], ...hostile.values.map((v): [string, FieldValue] => ["ticket", v])]);
      await expectAnswered(
        `${pending ? "pending login" : "anonymous"}: POST /api/auth/callback/login-ticket ticket=${hostile.label}`,
        await send("POST", "/api/auth/callback/login-ticket", {
          cookie: ticketCookies(pending),
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
          data: form,
        }),
      );
    }
  }
  for (const callbackUrl of SIGNOUT_CALLBACK_URLS) {
    await expectAnswered(
      `anonymous: POST /api/auth/signout callbackUrl=${callbackUrl}`,
      await send("POST", "/api/auth/signout", {
        cookie: csrfCookie,
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        data: `csrfToken=${csrfToken}&callbackUrl=${encodeURIComponent(callbackUrl)}`,
      }),
      { json: true },
    );
  }
});
