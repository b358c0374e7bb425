// `npm run bench:login-http`: whole MFA logins over real HTTP against the production build
// (scripts/server.mjs), sending what Chromium sends — checked against a recorded Chromium 156
// login (Playwright, headless). Each virtual user is a loop with its own cookie jar that starts
// every login empty, like a fresh browser:
//
//   GET /login → POST /login, loginAction → POST /verify/totp, verifyTotpAction
//
// Three requests. The browser never GETs /verify/totp nor /account/security: Next renders the page
// an action redirects to inside the action's own answer (it fetches that page from this same
// server; one request the driver never sees). verifyTotpAction sets the session cookie itself
// (lib/next/sign-in-with-ticket.ts) — until issue 11 the browser then asked next-auth for its
// providers, a CSRF token and the callback, then "/" and its redirect: 8 requests — and links are
// not prefetched any more (they were 14 more RSC renders per login). Only documents and RSC are
// fetched: JS, CSS and fonts would come from the browser's cache. Chromium's own requests for
// one login were recorded with Playwright to check this sequence.
//
// On a fresh Postgres database: the demo orgs plus BENCH_USERS Standard Users of Acme with an
// authenticator app (landing page /account/security). A TOTP step is accepted once per user, so
// users rotate and none logs in again within 90 s. Runs at concurrency 1, 4, 8, 16 (or
// BENCH_CONCURRENCY="1,8"), BENCH_SECONDS each; before each level, the argon2id verify rate of
// this process at the same concurrency, as the yardstick of what a login must cost at least.
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import os from "node:os";
import { createMigratedDb, type TestDb } from "../tests/helpers/test-db";
import { serverActionsOfBuild } from "../tests/helpers/server-action";
import { buildIfNeeded, SERVER_SCRIPT } from "../scripts/build-if-needed";
import { seedDemo, DEMO_PASSWORD } from "@/lib/seed/demo";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { seedLoginUsers } from "./seed-login-users";
import { cpuMeter, postgresPids, processTree, rssBytes, serverReady, stopServer } from "./server-processes";
import {
  LANDING_PATH,
  STEPS,
  USER_REUSE_AFTER_MS,
  UserRotation,
  VirtualUser,
  type Actions,
  type BenchUser,
  LoginFailure,
  type LoginTiming,
} from "./login-browser";

const PORT = Number(process.env.BENCH_PORT ?? 3500);
const ORIGIN = `http://localhost:${PORT}`;
const SECONDS_PER_LEVEL = Number(process.env.BENCH_SECONDS ?? 15);
const LEVELS = (process.env.BENCH_CONCURRENCY ?? "1,4,8,16").split(",").map(Number);
const USER_COUNT = Number(process.env.BENCH_USERS ?? 2000);
const ARGON2_SECONDS = Number(process.env.BENCH_ARGON2_SECONDS ?? 3);
const WEB_CONCURRENCY = Number.parseInt(process.env.WEB_CONCURRENCY ?? "", 10) || os.availableParallelism();
// Every worker compiles and caches each route on first use; those logins are not measured.
const WARMUP_LOGINS = Number(process.env.BENCH_WARMUP_LOGINS ?? 4 * WEB_CONCURRENCY);

const TARGET_LOGINS_PER_SECOND = 30;
const TARGET_P95_MS = 1000;
const TARGET_CONCURRENCY = 8;
const TARGET_ARGON2_SHARE = 0.5;

const MEASURED_STEPS = STEPS;
const SERVER_READY_TIMEOUT_MS = 120_000;

const percentile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN);

function startServer(db: TestDb): ChildProcess {
  return spawn(process.execPath, [...(process.env.BENCH_PROF_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROF_DIR}`] : []), SERVER_SCRIPT], {
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      ...process.env,
      PORT: String(PORT),
      DATABASE_URL: db.url!,
      NEXTAUTH_URL: ORIGIN,
      NODE_ENV: "production",
      WEB_CONCURRENCY: String(WEB_CONCURRENCY),
    },
  });
}

// ---- the runs -----------------------------------------------------------------------------

interface LevelResult {
  concurrency: number;
  logins: LoginTiming[];
  failures: LoginFailure[];
  elapsedSeconds: number;
  requests: number;
  serverCpuPercent: number;
  serverPeakRssBytes: number;
  driverCpuPercent: number;
  postgresCpuPercent: number;
  load1m: number;
  argon2VerifiesPerSecond: number;
}

/** argon2id verifies/s in this process with `concurrency` verifies always in flight. */
async function argon2Rate(hash: string, concurrency: number, seconds: number): Promise<number> {
  const startMs = performance.now();
  const deadlineMs = startMs + seconds * 1000;
  let verified = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadlineMs) {
        if (!(await verifyPassword(hash, DEMO_PASSWORD))) throw new Error("argon2 verify failed");
        verified++;
      }
    }),
  );
  return verified / ((performance.now() - startMs) / 1000);
}

/**
 * `concurrency` virtual users log in back to back, each `loginsEach` times or until `seconds` are
 * up (logins in flight then finish).
 */
async function runLogins(
  actions: Actions,
  users: UserRotation,
  server: ChildProcess,
  concurrency: number,
  until: { seconds: number } | { loginsEach: number },
) {
  const logins: LoginTiming[] = [];
  const failures: LoginFailure[] = [];
  const serverPids = () => processTree(server.pid!);
  let serverPeakRssBytes = rssBytes(serverPids());
  const rssSampler = setInterval(() => (serverPeakRssBytes = Math.max(serverPeakRssBytes, rssBytes(serverPids()))), 1000);
  const serverCpu = cpuMeter(serverPids);
  const postgresCpu = cpuMeter(postgresPids);
  const driverCpuStart = process.cpuUsage();
  const startMs = performance.now();
  const deadlineMs = "seconds" in until ? startMs + until.seconds * 1000 : Infinity;
  const loginsEach = "loginsEach" in until ? until.loginsEach : Infinity;
  const vus = Array.from({ length: concurrency }, () => new VirtualUser(ORIGIN, actions));
  await Promise.all(
    vus.map(async (vu) => {
      for (let i = 0; i < loginsEach && performance.now() < deadlineMs; i++) {
        const user = await users.take();
        try {
          logins.push(await vu.login(user));
        } catch (error) {
          if (!(error instanceof LoginFailure)) throw error; // a fault of the bench, not of a login
          failures.push(error);
        } finally {
          users.give(user);
        }
      }
    }),
  );
  const elapsedSeconds = (performance.now() - startMs) / 1000;
  clearInterval(rssSampler);
  const driverCpu = process.cpuUsage(driverCpuStart);
  return {
    concurrency,
    logins,
    failures,
    elapsedSeconds,
    requests: vus.reduce((sum, vu) => sum + vu.requests, 0),
    serverCpuPercent: serverCpu(),
    serverPeakRssBytes,
    postgresCpuPercent: postgresCpu(),
    driverCpuPercent: (100 * (driverCpu.user + driverCpu.system)) / 1e6 / elapsedSeconds,
    load1m: os.loadavg()[0]!,
  };
}

async function seedBenchUsers(t: TestDb): Promise<BenchUser[]> {
  // Lockout counts failures (and takes a slot per try in flight); set to the most the settings allow.
  await t.sql("UPDATE org_settings SET lockout_max_attempts = 100 WHERE org_id = (SELECT id FROM orgs WHERE slug = 'acme')");
  const users = await seedLoginUsers(t, { orgSlug: "acme", prefix: "bench", count: USER_COUNT });
  await t.sql("VACUUM ANALYZE");
  await t.sql("CHECKPOINT"); // the seed's dirty pages written now, not by a checkpoint during the runs (decision 020)
  return users;
}

function actionIds(): Actions {
  const actions = serverActionsOfBuild();
  const find = (file: string, name: string) => {
    const found = actions.find((a) => a.file.endsWith(file) && a.name === name);
    if (!found) throw new Error(`no ${name} in .next's server-reference-manifest.json`);
    return found.id;
  };
  return { login: find("app/(auth)/login/actions.ts", "loginAction"), verifyTotp: find("app/(auth)/verify/totp/actions.ts", "verifyTotpAction") };
}

function report(results: LevelResult[], users: UserRotation, sessionRows: number, successfulLogins: number) {
  const ms = (v: number) => (Number.isFinite(v) ? v.toFixed(0) : "–");
  const requestsPerLogin = results.reduce((s, r) => s + r.requests, 0) / results.reduce((s, r) => s + r.logins.length + r.failures.length, 0);
  console.log(`\n## Full MFA logins over HTTP (bench/login-http.ts)\n`);
  console.log(
    `- os.cpus().length: ${os.cpus().length}; server WEB_CONCURRENCY: ${WEB_CONCURRENCY}; bench UV_THREADPOOL_SIZE: ${process.env.UV_THREADPOOL_SIZE ?? "4 (default)"}`,
  );
  console.log(
    `- users: ${USER_COUNT} Standard Users with an authenticator app, landing page ${LANDING_PATH}; none reused within ${USER_REUSE_AFTER_MS / 1000} s${users.waitedMs ? ` (**virtual users waited ${(users.waitedMs / 1000).toFixed(1)} s for a free user: raise BENCH_USERS**)` : ""}`,
  );
  console.log(
    `- ${SECONDS_PER_LEVEL} s per level after ${WARMUP_LOGINS} warm-up logins; argon2 verify rate measured for ${ARGON2_SECONDS} s before each level, in the bench process, at the level's concurrency`,
  );
  console.log(
    `- only HTML documents and RSC requests are fetched — no JS, CSS or fonts (a returning browser has them cached); the console prefetches no links`,
  );
  console.log(
    `- ${requestsPerLogin.toFixed(1)} requests per login from the browser, plus 2 the server sends itself (Next renders the page each action redirects to into its answer)`,
  );
  console.log(
    `- login ms = what the person waits: all steps; CPU % is of one core, summed over processes (server: the primary and its workers; Postgres: every postgres process on this machine); RSS is the server's peak`,
  );

  console.log(
    `\n| concurrency | logins | failed | logins/s | login p50 ms | p95 ms | p99 ms | server CPU % | server RSS MB | Postgres CPU % | bench CPU % | load 1m | argon2 verifies/s | logins/s ÷ argon2/s |`,
  );
  console.log(`|---|---|---|---|---|---|---|---|---|---|---|---|---|---|`);
  for (const r of results) {
    const wait = r.logins.map((l) => l.waitMs).sort((a, b) => a - b);
    const rate = r.logins.length / r.elapsedSeconds;
    console.log(
      `| ${r.concurrency} | ${r.logins.length} | ${r.failures.length} | ${rate.toFixed(1)} | ${ms(percentile(wait, 0.5))} | ${ms(percentile(wait, 0.95))} | ${ms(percentile(wait, 0.99))} | ` +
        `${r.serverCpuPercent.toFixed(0)} | ${(r.serverPeakRssBytes / 2 ** 20).toFixed(0)} | ${r.postgresCpuPercent.toFixed(0)} | ${r.driverCpuPercent.toFixed(0)} | ${r.load1m.toFixed(2)} | ` +
        `${r.argon2VerifiesPerSecond.toFixed(1)} | ${(rate / r.argon2VerifiesPerSecond).toFixed(2)} |`,
    );
  }

  console.log(`\nPer step, p50 / p95 / p99 ms:\n`);
  console.log(`| step | ${results.map((r) => `c=${r.concurrency}`).join(" | ")} |`);
  console.log(`|---|${results.map(() => "---").join("|")}|`);
  for (const step of MEASURED_STEPS) {
    const cells = results.map((r) => {
      const sorted = r.logins.map((l) => l.stepMs.get(step)!).sort((a, b) => a - b);
      return `${ms(percentile(sorted, 0.5))} / ${ms(percentile(sorted, 0.95))} / ${ms(percentile(sorted, 0.99))}`;
    });
    console.log(`| ${step} | ${cells.join(" | ")} |`);
  }

  const failures = results.flatMap((r) => r.failures);
  if (failures.length) {
    const byKind = new Map<string, number>();
    for (const f of failures) byKind.set(`${f.step}: ${f.message}`, (byKind.get(`${f.step}: ${f.message}`) ?? 0) + 1);
    console.log(`\nFailed logins:`);
    for (const [kind, count] of [...byKind].sort((a, b) => b[1] - a[1]).slice(0, 10)) console.log(`- ${count} × ${kind}`);
  }

  console.log(
    `\nsessions rows: ${sessionRows} for ${successfulLogins} successful logins (warm-up included): ${sessionRows === successfulLogins ? "match" : "**MISMATCH**"}`,
  );
  const target = results.find((r) => r.concurrency === TARGET_CONCURRENCY);
  if (!target) {
    console.log(`targets are judged at concurrency ${TARGET_CONCURRENCY}, which was not run`);
    return;
  }
  const rate = target.logins.length / target.elapsedSeconds;
  const p95 = percentile(
    target.logins.map((l) => l.waitMs).sort((a, b) => a - b),
    0.95,
  );
  const share = rate / target.argon2VerifiesPerSecond;
  const yes = (ok: boolean) => (ok && target.failures.length === 0 ? "yes" : "no");
  console.log(
    `target ≥ ${TARGET_LOGINS_PER_SECOND} logins/s at concurrency ${TARGET_CONCURRENCY} with p95 ≤ ${TARGET_P95_MS / 1000} s: ${yes(rate >= TARGET_LOGINS_PER_SECOND && p95 <= TARGET_P95_MS)} (${rate.toFixed(1)} logins/s, p95 ${ms(p95)} ms)`,
  );
  console.log(
    `target ≥ ${TARGET_ARGON2_SHARE * 100}% of the argon2 rate (concurrency ${TARGET_CONCURRENCY}): ${yes(share >= TARGET_ARGON2_SHARE)} (${(share * 100).toFixed(0)}% of ${target.argon2VerifiesPerSecond.toFixed(1)} verifies/s)`,
  );
}

// ---- main ----------------------------------------------------------------------------------

// Fresh secrets per run, as scripts/e2e.ts sets them: the server decrypts what this process encrypts.
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
  await seedDemo(t.db);
  const users = new UserRotation(await seedBenchUsers(t));
  buildIfNeeded();
  const actions = actionIds();
  server = startServer(t);
  await serverReady(server, SERVER_READY_TIMEOUT_MS);

  const warmup = await runLogins(actions, users, server, WEB_CONCURRENCY, { loginsEach: Math.ceil(WARMUP_LOGINS / WEB_CONCURRENCY) });
  if (warmup.failures.length)
    console.log(`warm-up: ${warmup.failures.length} failed logins, first: ${warmup.failures[0]!.step}: ${warmup.failures[0]!.message}`);

  const hash = await hashPassword(DEMO_PASSWORD);
  const results: LevelResult[] = [];
  for (const concurrency of LEVELS) {
    const argon2VerifiesPerSecond = await argon2Rate(hash, concurrency, ARGON2_SECONDS);
    const level = await runLogins(actions, users, server, concurrency, { seconds: SECONDS_PER_LEVEL });
    results.push({ ...level, argon2VerifiesPerSecond });
    console.log(`concurrency ${concurrency}: ${level.logins.length} logins, ${level.failures.length} failed`);
  }
  const [{ count: sessionRows } = { count: 0 }] = await t.sql<{ count: number }>("SELECT count(*)::int AS count FROM sessions");
  const successfulLogins = warmup.logins.length + results.reduce((s, r) => s + r.logins.length, 0);
  report(results, users, sessionRows, successfulLogins);
  // Any failed login or missing session fails the run, so the figures are never of broken logins.
  if (results.some((r) => r.failures.length) || warmup.failures.length || sessionRows !== successfulLogins) process.exitCode = 1;
} finally {
  await cleanUp();
}
