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
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import os from "node:os";
import { createInterface } from "node:readline";
import { createMigratedDb, type TestDb } from "../tests/helpers/test-db";
import { actionState, multipartBody, serverActionsOfBuild, type FormFields } from "../tests/helpers/server-action";
import { buildIfNeeded, SERVER_SCRIPT } from "../scripts/build-if-needed";
import { seedDemo, DEMO_PASSWORD, DEMO_TOTP_SECRET } from "@/lib/seed/demo";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { encryptTotpSecret } from "@/lib/mfa/totp-secret";
import { totpCodeAt } from "@/lib/mfa/totp";

const PORT = Number(process.env.BENCH_PORT ?? 3500);
const ORIGIN = `http://localhost:${PORT}`;
const SECONDS_PER_LEVEL = Number(process.env.BENCH_SECONDS ?? 15);
const LEVELS = (process.env.BENCH_CONCURRENCY ?? "1,4,8,16").split(",").map(Number);
const USER_COUNT = Number(process.env.BENCH_USERS ?? 2000);
const ARGON2_SECONDS = Number(process.env.BENCH_ARGON2_SECONDS ?? 3);
const WEB_CONCURRENCY = Number.parseInt(process.env.WEB_CONCURRENCY ?? "", 10) || os.availableParallelism();
// Every worker compiles and caches each route on first use; those logins are not measured.
const WARMUP_LOGINS = Number(process.env.BENCH_WARMUP_LOGINS ?? 4 * WEB_CONCURRENCY);

// A code's time step is stored as used (lib/mfa/verify-totp-login.ts) and codes are accepted
// ±1 step (30 s): after 90 s a user's next code is surely of a later step.
const USER_REUSE_AFTER_MS = 90_000;
const LANDING_PATH = "/account/security"; // Standard User's start page (app/page.tsx)
const TARGET_LOGINS_PER_SECOND = 30;
const TARGET_P95_MS = 1000;
const TARGET_CONCURRENCY = 8;
const TARGET_ARGON2_SHARE = 0.5;

const USER_AGENT = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/156.0.0.0 Safari/537.36 bench/login-http";
const DOCUMENT_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8";
// What Next's client router sends as the current route with an action (captured from Chromium).
const LOGIN_ROUTER_TREE = ["", { children: ["(auth)", { children: ["login", { children: ["__PAGE__", {}, null, null, 0] }, null, null, 0] }, null, null, 0] }, null, null, 16];
const TOTP_ROUTER_TREE = ["", { children: ["(auth)", { children: ["verify", { children: ["totp", { children: ["__PAGE__", {}, null, null, 0] }, null, null, 0] }, null, null, 0] }, null, null, 0] }, null, null, 16];
const STEPS = ["GET /login", "POST /login (loginAction)", "POST /verify/totp (verifyTotpAction)"] as const;
type Step = (typeof STEPS)[number];
const MEASURED_STEPS = STEPS;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const percentile = (sorted: number[], q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]! : NaN);

// ---- the browser ---------------------------------------------------------------------------

/** One browser's cookies for this one origin (every cookie the console sets has Path=/). */
class CookieJar {
  private readonly values = new Map<string, string>();

  header(): Record<string, string> {
    return this.values.size ? { cookie: [...this.values].map(([name, value]) => `${name}=${value}`).join("; ") } : {};
  }

  store(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const at = pair!.indexOf("=");
      const name = pair!.slice(0, at).trim();
      const expired = attributes.some((a) => {
        const [key, value = ""] = a.trim().split("=");
        if (key!.toLowerCase() === "max-age") return Number(value) <= 0;
        if (key!.toLowerCase() === "expires") return Date.parse(value) <= Date.now();
        return false;
      });
      if (expired) this.values.delete(name);
      else this.values.set(name, pair!.slice(at + 1).trim());
    }
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  clear(): void {
    this.values.clear();
  }
}

class LoginFailure extends Error {
  constructor(
    readonly step: Step,
    message: string,
  ) {
    super(message);
  }
}


/** `<input type="hidden">`s React renders into a server-rendered action form; the browser sends them with the fields. */
function hiddenFormFields(html: string): FormFields {
  const unescape = (s: string) => s.replace(/&quot;/g, '"').replace(/&#x27;/g, "'").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
  return [...html.matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?\/>/g)].map(([, name, value]) => [unescape(name!), unescape(value ?? "")]);
}

interface BenchUser {
  username: string;
  name: string;
  lastLoginEndMs: number;
}

interface LoginTiming {
  stepMs: Map<Step, number>;
  /** What the person waits for: every step. */
  waitMs: number;
}

interface Actions {
  login: string;
  verifyTotp: string;
}

/** One virtual user: a browser that logs in again and again, each time with an empty cookie jar. */
class VirtualUser {
  private readonly jar = new CookieJar();
  private stepMs = new Map<Step, number>();
  requests = 0;

  constructor(private readonly actions: Actions) {}

  private async send(path: string, init: { method?: string; headers: Record<string, string>; body?: BodyInit }): Promise<{ response: Response; body: Buffer }> {
    this.requests++;
    const response = await fetch(`${ORIGIN}${path}`, {
      method: init.method ?? "GET",
      // undici sets Sec-Fetch-Mode: cors itself; the edge reads Sec-Fetch-Site and Origin only.
      headers: { "user-agent": USER_AGENT, "accept-encoding": "gzip, deflate, br, zstd", ...init.headers, ...this.jar.header() },
      body: init.body,
      redirect: "manual",
    });
    this.jar.store(response);
    return { response, body: Buffer.from(await response.arrayBuffer()) };
  }

  private document(path: string, referer: string | null) {
    return this.send(path, {
      headers: {
        accept: DOCUMENT_ACCEPT,
        "sec-fetch-dest": "document",
        "sec-fetch-site": referer ? "same-origin" : "none",
        "upgrade-insecure-requests": "1",
        ...(referer ? { referer: `${ORIGIN}${referer}` } : {}),
      },
    });
  }

  private postAction(path: string, actionId: string, routerTree: unknown, fields: FormFields) {
    const { body, contentType } = multipartBody(fields);
    return this.send(path, {
      method: "POST",
      headers: {
        accept: "text/x-component",
        "content-type": contentType,
        "next-action": actionId,
        "next-router-state-tree": encodeURIComponent(JSON.stringify(routerTree)),
        origin: ORIGIN,
        referer: `${ORIGIN}${path}`,
        "sec-fetch-dest": "empty",
        "sec-fetch-site": "same-origin",
      },
      body: Uint8Array.from(body), // fetch's BodyInit type does not take a Buffer
    });
  }





  private async step<T>(name: Step, run: () => Promise<T>): Promise<T> {
    const startMs = performance.now();
    try {
      return await run();
    } catch (error) {
      throw error instanceof LoginFailure ? error : new LoginFailure(name, error instanceof Error ? error.message : String(error));
    } finally {
      this.stepMs.set(name, performance.now() - startMs);
    }
  }

  async login(user: BenchUser): Promise<LoginTiming> {
    this.jar.clear();
    this.stepMs = new Map();
    const fail = (step: Step, message: string): never => {
      throw new LoginFailure(step, message);
    };

    const loginHtml = await this.step("GET /login", async () => {
      const { response, body } = await this.document("/login", null);
      if (response.status !== 200) fail("GET /login", `status ${response.status}`);
      return body.toString("utf8");
    });

    await this.step("POST /login (loginAction)", async () => {
      // As useActionState's form action sends them: the form's fields as `_1_<name>`, then the previous state.
      const fields: FormFields = [...hiddenFormFields(loginHtml), ["username", user.username], ["password", DEMO_PASSWORD]];
      const { response, body } = await this.postAction("/login", this.actions.login, LOGIN_ROUTER_TREE, [
        ...fields.map(([name, value]): FormFields[number] => [`_1_${name}`, value]),
        ["0", '[{},"$K1"]'],
      ]);
      const redirect = response.headers.get("x-action-redirect")?.split(";")[0];
      if (response.status !== 200 || redirect !== "/verify/totp") fail("POST /login (loginAction)", `status ${response.status}, redirect ${redirect}: ${body.toString("utf8").slice(0, 200)}`);
      if (!this.jar.has("mfa_pending")) fail("POST /login (loginAction)", "no pending-login cookie");
      // The challenge page rendered into the action's answer; without it the browser would GET it.
      if (!body.toString("utf8").includes(`Signing in as ${user.username}`)) fail("POST /login (loginAction)", "the answer does not hold the challenge page");
    });

    await this.step("POST /verify/totp (verifyTotpAction)", async () => {
      const code = totpCodeAt(DEMO_TOTP_SECRET, Date.now());
      const { response, body } = await this.postAction("/verify/totp", this.actions.verifyTotp, TOTP_ROUTER_TREE, [["_1_code", code], ["0", '[{},"$K1"]']]);
      const redirect = response.headers.get("x-action-redirect")?.split(";")[0];
      if (response.status !== 200 || redirect !== LANDING_PATH) {
        const state = actionState(body) as { error?: string } | undefined;
        fail("POST /verify/totp (verifyTotpAction)", `status ${response.status}, redirect ${redirect}: ${state?.error ?? body.toString("utf8").slice(0, 200)}`);
      }
      if (!this.jar.has("next-auth.session-token")) fail("POST /verify/totp (verifyTotpAction)", "no session cookie");
      // The start page rendered into the action's answer, as the signed-in user.
      const text = body.toString("utf8");
      if (!text.includes("My security") || !text.includes(user.name)) fail("POST /verify/totp (verifyTotpAction)", "the answer does not hold the signed-in start page");
    });

    const waitMs = [...this.stepMs.values()].reduce((sum, ms) => sum + ms, 0);
    return { stepMs: this.stepMs, waitMs };
  }
}

/** Hands out users so that none logs in twice within USER_REUSE_AFTER_MS. */
class UserRotation {
  waitedMs = 0;

  constructor(private readonly queue: BenchUser[]) {}

  async take(): Promise<BenchUser> {
    const user = this.queue.shift();
    if (!user) throw new Error("more virtual users than bench users: raise BENCH_USERS");
    const waitMs = user.lastLoginEndMs + USER_REUSE_AFTER_MS - Date.now();
    if (waitMs > 0) {
      this.waitedMs += waitMs;
      await sleep(waitMs);
    }
    return user;
  }

  give(user: BenchUser): void {
    user.lastLoginEndMs = Date.now();
    this.queue.push(user);
  }
}

// ---- the server's processes ----------------------------------------------------------------

const CLOCK_TICKS_PER_SECOND = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }));
const PAGE_BYTES = Number(execFileSync("getconf", ["PAGESIZE"], { encoding: "utf8" }));

function procStat(pid: number): string[] | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after "(comm)", which may hold spaces: [0] is field 3 (state), [1] ppid, [11] utime, [12] stime.
    return text.slice(text.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null; // exited meanwhile
  }
}

const allPids = () => readdirSync("/proc").filter((n) => /^\d+$/.test(n)).map(Number);

/** The process and all its descendants (the cluster's primary and its workers). */
function processTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const pid of allPids()) {
    const ppid = Number(procStat(pid)?.[1]);
    children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  }
  const tree = [rootPid];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]!) ?? []));
  return tree;
}

function postgresPids(): number[] {
  return allPids().filter((pid) => {
    try {
      return readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "postgres";
    } catch {
      return false;
    }
  });
}

function cpuSeconds(pids: number[]): number {
  return pids.reduce((sum, pid) => {
    const f = procStat(pid);
    return f ? sum + (Number(f[11]) + Number(f[12])) / CLOCK_TICKS_PER_SECOND : sum;
  }, 0);
}

function rssBytes(pids: number[]): number {
  return pids.reduce((sum, pid) => {
    try {
      return sum + Number(readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]) * PAGE_BYTES;
    } catch {
      return sum;
    }
  }, 0);
}

/** CPU used by a set of processes over a stretch, in % of one core (so up to cores × 100). */
function cpuMeter(pids: () => number[]) {
  const perPid = () => new Map(pids().map((pid) => [pid, cpuSeconds([pid])]));
  const start = perPid();
  const startMs = performance.now();
  return () => {
    const end = perPid();
    // A process started meanwhile counts from zero; one that exited meanwhile is lost.
    const used = [...end].reduce((sum, [pid, s]) => sum + s - (start.get(pid) ?? 0), 0);
    return (100 * used) / ((performance.now() - startMs) / 1000);
  };
}

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

function serverReady(server: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the server did not say it was ready within 120 s")), 120_000);
    server.once("exit", (code, signal) => reject(new Error(`the server exited (${signal ?? code}) before it was ready`)));
    // Ready once every worker listens (scripts/server.mjs says so once, from the primary).
    createInterface({ input: server.stdout! }).on("line", (line) => {
      console.log(`[server] ${line}`);
      if (line.startsWith("MFA Console ready")) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
}

/** SIGTERM to the primary (it stops its workers), then SIGKILL to any of the tree still there. */
async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const tree = processTree(server.pid!);
  const exited = new Promise((r) => server.once("exit", r));
  server.kill("SIGTERM");
  await Promise.race([exited, sleep(5000)]);
  for (const pid of tree) {
    try {
      // Only our server's processes: a pid reused meanwhile runs something else.
      if (readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(SERVER_SCRIPT)) process.kill(pid, "SIGKILL");
    } catch {
      // gone already
    }
  }
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
async function runLogins(actions: Actions, users: UserRotation, server: ChildProcess, concurrency: number, until: { seconds: number } | { loginsEach: number }) {
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
  const vus = Array.from({ length: concurrency }, () => new VirtualUser(actions));
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
  const admin = await t.db.user.findUniqueOrThrow({ where: { username: "admin@acme.test" } });
  const standard = await t.db.profile.findFirstOrThrow({ where: { orgId: admin.orgId, name: "Standard User" } });
  // Lockout counts failures (and takes a slot per try in flight); set to the most the settings allow.
  await t.sql("UPDATE org_settings SET lockout_max_attempts = 100 WHERE org_id = $1", [admin.orgId]);
  const rows = await t.sql<{ id: string; username: string; name: string }>(
    `INSERT INTO users (org_id, username, name, password_hash, profile_id)
     SELECT $1, 'bench-' || lpad(g::text, 5, '0') || '@acme.test', 'Bench User ' || lpad(g::text, 5, '0'), $2, $3
     FROM generate_series(1, $4::int) AS g RETURNING id, username, name`,
    [admin.orgId, admin.passwordHash, standard.id, USER_COUNT],
  );
  await t.sql(
    `INSERT INTO totp_factors (org_id, user_id, name, secret_ciphertext, verified_at)
     SELECT $1, u, 'Authenticator app', c, now() FROM unnest($2::uuid[], $3::text[]) AS x(u, c)`,
    [admin.orgId, rows.map((r) => r.id), rows.map((r) => encryptTotpSecret(DEMO_TOTP_SECRET, r.id))],
  );
  await t.sql("VACUUM ANALYZE");
  return rows.map((r) => ({ username: r.username, name: r.name, lastLoginEndMs: 0 }));
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
  console.log(`- os.cpus().length: ${os.cpus().length}; server WEB_CONCURRENCY: ${WEB_CONCURRENCY}; bench UV_THREADPOOL_SIZE: ${process.env.UV_THREADPOOL_SIZE ?? "4 (default)"}`);
  console.log(`- users: ${USER_COUNT} Standard Users with an authenticator app, landing page ${LANDING_PATH}; none reused within ${USER_REUSE_AFTER_MS / 1000} s${users.waitedMs ? ` (**virtual users waited ${(users.waitedMs / 1000).toFixed(1)} s for a free user: raise BENCH_USERS**)` : ""}`);
  console.log(`- ${SECONDS_PER_LEVEL} s per level after ${WARMUP_LOGINS} warm-up logins; argon2 verify rate measured for ${ARGON2_SECONDS} s before each level, in the bench process, at the level's concurrency`);
  console.log(`- only HTML documents and RSC requests are fetched — no JS, CSS or fonts (a returning browser has them cached); the console prefetches no links`);
  console.log(`- ${requestsPerLogin.toFixed(1)} requests per login from the browser, plus 2 the server sends itself (Next renders the page each action redirects to into its answer)`);
  console.log(`- login ms = what the person waits: all steps; CPU % is of one core, summed over processes (server: the primary and its workers; Postgres: every postgres process on this machine); RSS is the server's peak`);

  console.log(`\n| concurrency | logins | failed | logins/s | login p50 ms | p95 ms | p99 ms | server CPU % | server RSS MB | Postgres CPU % | bench CPU % | load 1m | argon2 verifies/s | logins/s ÷ argon2/s |`);
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

  console.log(`\nsessions rows: ${sessionRows} for ${successfulLogins} successful logins (warm-up included): ${sessionRows === successfulLogins ? "match" : "**MISMATCH**"}`);
  const target = results.find((r) => r.concurrency === TARGET_CONCURRENCY);
  if (!target) {
    console.log(`targets are judged at concurrency ${TARGET_CONCURRENCY}, which was not run`);
    return;
  }
  const rate = target.logins.length / target.elapsedSeconds;
  const p95 = percentile(target.logins.map((l) => l.waitMs).sort((a, b) => a - b), 0.95);
  const share = rate / target.argon2VerifiesPerSecond;
  const yes = (ok: boolean) => (ok && target.failures.length === 0 ? "yes" : "no");
  console.log(`target ≥ ${TARGET_LOGINS_PER_SECOND} logins/s at concurrency ${TARGET_CONCURRENCY} with p95 ≤ ${TARGET_P95_MS / 1000} s: ${yes(rate >= TARGET_LOGINS_PER_SECOND && p95 <= TARGET_P95_MS)} (${rate.toFixed(1)} logins/s, p95 ${ms(p95)} ms)`);
  console.log(`target ≥ ${TARGET_ARGON2_SHARE * 100}% of the argon2 rate (concurrency ${TARGET_CONCURRENCY}): ${yes(share >= TARGET_ARGON2_SHARE)} (${(share * 100).toFixed(0)}% of ${target.argon2VerifiesPerSecond.toFixed(1)} verifies/s)`);
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
  await serverReady(server);

  const warmup = await runLogins(actions, users, server, WEB_CONCURRENCY, { loginsEach: Math.ceil(WARMUP_LOGINS / WEB_CONCURRENCY) });
  if (warmup.failures.length) console.log(`warm-up: ${warmup.failures.length} failed logins, first: ${warmup.failures[0]!.step}: ${warmup.failures[0]!.message}`);

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
