// `npm run bench:pages-http`: console pages over real HTTP against the production build
// (scripts/server.mjs), at one org of BENCH_USERS users (100,000) and BENCH_EVENTS verification
// events (1,000,000). Each page is fetched as a browser navigation (Accept: text/html, the
// document only: JS, CSS and fonts would come from the browser's cache), one request at a time on
// one kept-alive connection, like one tab. A sample is the whole answer: from sending the request
// until the last byte of the body is read (pages stream). Every page is warmed with WARMUP_REQUESTS
// first (each route is compiled and cached on first use), then BENCH_SAMPLES are taken; every
// answer must be a 200 holding what only that page shows, or the run fails.
//
// Signed in as admin@acme.test without a login: a High Assurance session row and its next-auth
// cookie (bench/signed-in.ts). A fresh session per page, so a long run
// (a large BENCH_SAMPLES) never outlives the High Assurance window or the idle timeout.
//
// The Overview's figures are cached per server process (lib/dashboard/dashboard-cache.ts): its
// samples are cache hits. MFA_DASHBOARD_REFRESH_SECONDS=0, passed through to the server like
// WEB_CONCURRENCY, measures the computation on every view instead.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import os from "node:os";
import { createMigratedDb, type TestDb } from "../tests/helpers/test-db";
import { buildIfNeeded, SERVER_SCRIPT } from "../scripts/build-if-needed";
import { seedDemo } from "@/lib/seed/demo";
import { USERS_PAGE_SIZE } from "@/lib/config";
import { encodeCursor } from "@/lib/users/list-users";
import { EVENTS_PAGE_SIZE } from "@/lib/activity/list-events";
import { encodeEventCursor } from "@/lib/activity/event-cursor";
import { DEFAULT_TIME_ZONE, endOfZonedDay, startOfZonedDay } from "@/lib/activity/zoned-day";
import { DASHBOARD_FRESH_MS } from "@/lib/dashboard/dashboard-cache";
import { seedUsers } from "./seed-users";
import { seedEvents } from "./seed-events";
import { signedIn } from "./signed-in";
import { processTree, rssBytes, serverReady, stopServer } from "./server-processes";

const USER_COUNT = Number(process.env.BENCH_USERS ?? 100_000);
const EVENT_COUNT = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 25);
const PORT = Number(process.env.BENCH_PORT ?? 3600);
const ORIGIN = `http://localhost:${PORT}`;
const WARMUP_REQUESTS = 3;
const TARGET_P95_MS = 50;
const EVENT_DAYS = 90; // the seeded events span this many days back from now
const DEEP_USERS_PAGE = Math.max(2, Math.floor(USER_COUNT / USERS_PAGE_SIZE / 2)); // the middle of the directory: page 2,000 at 100,000 users
const DEEP_EVENTS_PAGE = 10_001;
const ONE_DAY_FILTER_DAYS_AGO = 10;
const SERVER_READY_TIMEOUT_MS = 180_000;

const FLAT_RSS_GROWTH_MB = 64;
const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36 bench/pages-http";
const DOCUMENT_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8";

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
const secondsSince = (startMs: number) => ((performance.now() - startMs) / 1000).toFixed(1);
const withCommas = (n: number) => n.toLocaleString("en-US");
const h1 = (text: string) => new RegExp(`<h1[^>]*>${text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}</h1>`);
/** A row of the users table links to the user's page (not to /setup/users/new). */
const USER_ROW_LINK = /href="\/setup\/users\/[0-9a-f]{8}-[0-9a-f]{4}-/;

// ---- seeding ---------------------------------------------------------------------------------

// ---- the pages -------------------------------------------------------------------------------

interface PageCase {
  label: string;
  path: string;
  /** What only this page, with this data, shows: checked in every answer, warm-ups included. */
  mustContain: (string | RegExp)[];
}

/** The pages, with what each must show, looked up in the seeded data. */
async function pageCases(t: TestDb, orgId: string): Promise<PageCase[]> {
  const usersByName = (offset: number) =>
    t.sql<{ id: string; name: string }>("SELECT id::text, name FROM users WHERE org_id = $1 ORDER BY name, id OFFSET $2 LIMIT 2", [orgId, offset]);
  const [firstUser] = await usersByName(0);
  // The Next cursor of page N-1 is its last row: as lib/users/list-users.ts encodes it.
  const [deepCursorUser, deepFirstUser] = await usersByName((DEEP_USERS_PAGE - 1) * USERS_PAGE_SIZE - 1);
  if (!firstUser || !deepCursorUser || !deepFirstUser) throw new Error(`too few users for page ${DEEP_USERS_PAGE} of the users list`);

  const eventsNewestFirst = (offset: number, where = "", params: unknown[] = []) =>
    t.sql<{ id: string; occurred_at: Date }>(
      `SELECT id::text, occurred_at FROM verification_events WHERE org_id = $1 ${where} ORDER BY occurred_at DESC, id DESC OFFSET $2 LIMIT 2`,
      [orgId, offset, ...params],
    );
  const [newestEvent] = await eventsNewestFirst(0);
  const [deepCursorEvent, deepFirstEvent] = await eventsNewestFirst((DEEP_EVENTS_PAGE - 1) * EVENTS_PAGE_SIZE - 1);
  if (!newestEvent || !deepCursorEvent || !deepFirstEvent) throw new Error(`too few events for page ${withCommas(DEEP_EVENTS_PAGE)} of the history`);
  const eventsCursor = encodeEventCursor({ occurredAt: deepCursorEvent.occurred_at, id: BigInt(deepCursorEvent.id) });
  const day = new Date(Date.now() - ONE_DAY_FILTER_DAYS_AGO * 86_400_000).toISOString().slice(0, 10);
  const [newestOfDay] = await eventsNewestFirst(0, "AND occurred_at >= $3 AND occurred_at < $4", [
    startOfZonedDay(day, DEFAULT_TIME_ZONE),
    endOfZonedDay(day, DEFAULT_TIME_ZONE),
  ]);
  if (!newestOfDay) throw new Error(`no events on ${day}`);

  // The fullest user page: an authenticator app, a key, and events of their own.
  const [someUser] = await t.sql<{ id: string; name: string }>(
    `SELECT u.id::text, u.name FROM users u
     WHERE u.org_id = $1 AND EXISTS (SELECT 1 FROM totp_factors f WHERE f.user_id = u.id AND f.verified_at IS NOT NULL)
       AND EXISTS (SELECT 1 FROM webauthn_credentials w WHERE w.user_id = u.id)
       AND EXISTS (SELECT 1 FROM verification_events e WHERE e.user_id = u.id)
     ORDER BY u.name, u.id LIMIT 1`,
    [orgId],
  );
  if (!someUser) throw new Error("no user with an app, a key and events");

  const users = h1("Users");
  const history = h1("Identity Verification History");
  const eventRow = (id: string) => `aria-label="View event ${id}"`;
  const userRow = (id: string) => `href="/setup/users/${id}"`;
  const search = (q: string): PageCase => ({ label: `/setup/users?q=${q}`, path: `/setup/users?q=${q}`, mustContain: [users, USER_ROW_LINK, "match"] });
  return [
    { label: "/setup/users (first page)", path: "/setup/users", mustContain: [users, userRow(firstUser.id)] },
    {
      label: `/setup/users?after=… (page ${withCommas(DEEP_USERS_PAGE)})`,
      path: `/setup/users?after=${encodeCursor(deepCursorUser)}`,
      mustContain: [users, userRow(deepFirstUser.id)],
    },
    search("son"),
    search("jo"),
    search("acme"),
    { label: "/setup/users?status=inactive", path: "/setup/users?status=inactive", mustContain: [users, USER_ROW_LINK, "match"] },
    { label: "/setup/users?mfa=none", path: "/setup/users?mfa=none", mustContain: [users, USER_ROW_LINK, "match"] },
    { label: "/setup/activity (first page)", path: "/setup/activity", mustContain: [history, eventRow(newestEvent.id)] },
    { label: `/setup/activity?from=${day}&to=${day}`, path: `/setup/activity?from=${day}&to=${day}`, mustContain: [history, eventRow(newestOfDay.id)] },
    {
      label: `/setup/activity?older=… (page ${withCommas(DEEP_EVENTS_PAGE)})`,
      path: `/setup/activity?older=${eventsCursor}`,
      mustContain: [history, eventRow(deepFirstEvent.id)],
    },
    { label: "/setup (Overview)", path: "/setup", mustContain: [h1("Overview"), "MFA adoption"] },
    { label: "/setup/profiles", path: "/setup/profiles", mustContain: [h1("Profiles"), "Standard User"] },
    { label: "/setup/users/{id}", path: `/setup/users/${someUser.id}`, mustContain: [h1(someUser.name), "Details"] },
    { label: "/account/security", path: "/account/security", mustContain: [h1("My security"), "Verification methods"] },
  ];
}

interface Sample {
  ms: number;
  bytes: number;
}

/** One navigation, timed until the body is fully read; throws unless it is the page it should be. */
async function navigate(page: PageCase, cookie: string): Promise<Sample> {
  const startMs = performance.now();
  const response = await fetch(`${ORIGIN}${page.path}`, {
    headers: {
      "user-agent": USER_AGENT,
      accept: DOCUMENT_ACCEPT,
      "accept-encoding": "gzip, deflate, br, zstd",
      "sec-fetch-dest": "document",
      "sec-fetch-site": "same-origin",
      "sec-fetch-user": "?1",
      "upgrade-insecure-requests": "1",
      referer: `${ORIGIN}/setup`,
      cookie,
    },
    // A redirect (to /login, or to step up) is a failure here, not something to follow.
    redirect: "manual",
  });
  const body = Buffer.from(await response.arrayBuffer());
  const ms = performance.now() - startMs;
  const html = body.toString("utf8");
  const missing = page.mustContain.filter((m) => (typeof m === "string" ? !html.includes(m) : !m.test(html)));
  if (response.status !== 200 || missing.length > 0) {
    const where = response.headers.get("location");
    throw new Error(
      `${page.label}: status ${response.status}${where ? ` → ${where}` : ""}${missing.length ? `, missing ${missing.map(String).join(", ")}` : ""}: ${html.slice(0, 300)}`,
    );
  }
  return { ms, bytes: body.length };
}

// ---- the server ------------------------------------------------------------------------------

/**
 * The history's "Export CSV" of every event, as the page's form posts it, read to the end: rows
 * per second, and the server's memory (all its processes) before and at its peak meanwhile.
 */
async function measureExport(
  server: ChildProcess,
  cookie: string,
  expectedRows: number,
): Promise<{ rows: number; bytes: number; seconds: number; rssBeforeMb: number; rssPeakMb: number; rssByTenthMb: number[] }> {
  const pids = () => processTree(server.pid!);
  const rssBefore = rssBytes(pids());
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssBytes(pids()))), 200);
  const boundary = `----bench${randomBytes(8).toString("hex")}`;
  const startMs = performance.now();
  try {
    const response = await fetch(`${ORIGIN}/setup/activity/export`, {
      method: "POST",
      headers: {
        "user-agent": USER_AGENT,
        origin: ORIGIN,
        referer: `${ORIGIN}/setup/activity`,
        cookie,
        "content-type": `multipart/form-data; boundary=${boundary}`,
      },
      body: `--${boundary}--\r\n`,
    });
    if (response.status !== 200 || !response.body) throw new Error(`export answered ${response.status}`);
    let rows = -1; // the header line
    let bytes = 0;
    // The server's memory as each tenth of the rows arrives: flat means it stops rising early.
    const rssByTenthMb: number[] = [];
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.length;
      for (let i = 0; i < chunk.length; i++) if (chunk[i] === 0x0a) rows++;
      while (rssByTenthMb.length < 10 && rows >= ((rssByTenthMb.length + 1) * expectedRows) / 10) rssByTenthMb.push(rssBytes(pids()) / 1048576);
    }
    return { rows, bytes, seconds: (performance.now() - startMs) / 1000, rssBeforeMb: rssBefore / 1048576, rssPeakMb: rssPeak / 1048576, rssByTenthMb };
  } finally {
    clearInterval(sampler);
  }
}

function startServer(t: TestDb): ChildProcess {
  // WEB_CONCURRENCY passes through with the rest of the environment (server.mjs: default one worker per core).
  return spawn(process.execPath, [SERVER_SCRIPT], {
    stdio: ["ignore", "pipe", "inherit"],
    env: { ...process.env, PORT: String(PORT), DATABASE_URL: t.url!, NEXTAUTH_URL: ORIGIN, NODE_ENV: "production" },
  });
}

// ---- main ------------------------------------------------------------------------------------

// Fresh secrets per run, as scripts/e2e.ts sets them: the server reads the cookie this process
// signs and decrypts the TOTP secrets the demo seed encrypts here.
Object.assign(process.env, {
  NEXTAUTH_SECRET: randomBytes(32).toString("base64url"),
  MFA_ENCRYPTION_KEY: randomBytes(32).toString("base64"),
  NEXT_TELEMETRY_DISABLED: "1",
});

const t = await createMigratedDb();
let server: ChildProcess | undefined;
let cleaning: Promise<void> | undefined;
const cleanUp = () =>
  (cleaning ??= (async () => {
    if (server) await stopServer(server);
    await t.close();
  })());
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, () => void cleanUp().finally(() => process.exit(130)));
}

try {
  const seedStartMs = performance.now();
  await seedDemo(t.db);
  const acme = await t.db.org.findUniqueOrThrow({ where: { slug: "acme" } });
  const profiles = Object.fromEntries((await t.db.profile.findMany({ where: { orgId: acme.id } })).map((p) => [p.name, p.id]));
  await seedUsers(t, acme.id, "acme.test", USER_COUNT, profiles);
  const usersSeconds = secondsSince(seedStartMs);
  const eventsStartMs = performance.now();
  await seedEvents(t.sql, { orgId: acme.id, count: EVENT_COUNT, days: EVENT_DAYS });
  const eventsSeconds = secondsSince(eventsStartMs);
  const vacuumStartMs = performance.now();
  // Fresh statistics and visibility map, as a database that has lived a while has them.
  await t.sql("VACUUM ANALYZE");
  await t.sql("CHECKPOINT"); // the seed's dirty pages written now, not by a checkpoint during the runs (decision 020)
  const vacuumSeconds = secondsSince(vacuumStartMs);
  const seedSeconds = secondsSince(seedStartMs);
  const [counts] = await t.sql<{ users: number; events: number }>(
    "SELECT (SELECT count(*)::int FROM users WHERE org_id = $1) AS users, (SELECT count(*)::int FROM verification_events WHERE org_id = $1) AS events",
    [acme.id],
  );
  const pages = await pageCases(t, acme.id);

  buildIfNeeded();
  server = startServer(t);
  await serverReady(server, SERVER_READY_TIMEOUT_MS);

  const results: { page: PageCase; samples: Sample[] }[] = [];
  for (const page of pages) {
    const cookie = await signedIn(t, "admin@acme.test", "bench/pages-http");
    for (let i = 0; i < WARMUP_REQUESTS; i++) await navigate(page, cookie);
    const samples: Sample[] = [];
    for (let i = 0; i < SAMPLES; i++) samples.push(await navigate(page, cookie));
    results.push({ page, samples });
  }

  console.log(`\n## Console pages over HTTP (bench/pages-http.ts)\n`);
  console.log(
    `- Acme: ${withCommas(counts!.users)} users, ${withCommas(counts!.events)} verification events (${withCommas(USER_COUNT)} users and ${withCommas(EVENT_COUNT)} events seeded)`,
  );
  console.log(`- seeding: ${seedSeconds} s (demo + users ${usersSeconds} s, events ${eventsSeconds} s, VACUUM ANALYZE ${vacuumSeconds} s)`);
  console.log(
    `- production build, scripts/server.mjs with WEB_CONCURRENCY ${process.env.WEB_CONCURRENCY ?? `unset (${os.availableParallelism()} cores)`}; os.cpus().length ${os.cpus().length}; load 1m ${os.loadavg()[0]!.toFixed(2)}`,
  );
  // The server reads the same environment, so this process's value is the server's.
  console.log(
    `- Overview figures: ${DASHBOARD_FRESH_MS > 0 ? `cached ${DASHBOARD_FRESH_MS / 1000} s per process, so its samples are cache hits` : "computed on every view"} (MFA_DASHBOARD_REFRESH_SECONDS)`,
  );
  console.log(
    `- per page: ${WARMUP_REQUESTS} warm-up requests, then ${SAMPLES} samples, one at a time on a kept-alive connection; a sample lasts until the body is fully read`,
  );
  console.log(`- signed in as admin@acme.test (High Assurance); bytes: the HTML document of the last sample (no compression in Node: next.config.ts)\n`);
  console.log(`| page | p50 ms | p95 ms | p95 ≤ ${TARGET_P95_MS} ms | bytes |`);
  console.log(`|---|---|---|---|---|`);
  for (const { page, samples } of results) {
    const sortedMs = samples.map((s) => s.ms).sort((a, b) => a - b);
    const p95Ms = percentile(sortedMs, 0.95);
    console.log(
      `| ${page.label} | ${percentile(sortedMs, 0.5).toFixed(1)} | ${p95Ms.toFixed(1)} | ${p95Ms <= TARGET_P95_MS ? "yes" : "no"} | ${withCommas(samples.at(-1)!.bytes)} |`,
    );
  }

  const exported = await measureExport(server, await signedIn(t, "admin@acme.test", "bench/pages-http"), counts!.events);
  const rowsPerSecond = exported.rows / exported.seconds;
  console.log(
    `\nCSV export of every event over HTTP: ${withCommas(exported.rows)} rows, ${(exported.bytes / 1048576).toFixed(0)} MB in ${exported.seconds.toFixed(1)} s = ` +
      `${withCommas(Math.round(rowsPerSecond))} rows/s (target ≥ 50,000: ${rowsPerSecond >= 50_000 ? "yes" : "no"}); server RSS ${exported.rssBeforeMb.toFixed(0)} MB before, ${exported.rssPeakMb.toFixed(0)} MB at its peak`,
  );
  // Flat: from the first fifth of the rows on, the server grows by no more than one batch's worth of slack.
  const fromFifth = exported.rssByTenthMb.slice(1);
  const growthMb = Math.max(...fromFifth) - fromFifth[0]!;
  console.log(
    `- server RSS at each tenth of the rows (MB): ${exported.rssByTenthMb.map((mb) => mb.toFixed(0)).join(", ")}; growth after the first fifth ${growthMb.toFixed(0)} MB (flat ≤ ${FLAT_RSS_GROWTH_MB} MB: ${growthMb <= FLAT_RSS_GROWTH_MB ? "yes" : "no"})`,
  );
} finally {
  await cleanUp();
}
