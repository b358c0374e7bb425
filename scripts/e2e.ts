// The e2e stage of `npm test`: fresh databases on the test Postgres, migrated and seeded with the
// demo orgs; the production build served by scripts/server.mjs; Playwright in Debian's Chromium.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import readline from "node:readline";
import pg from "pg";
import { buildIfNeeded, SERVER_SCRIPT } from "./build-if-needed";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const serverUrl = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function waitForServer(url: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server did not answer at ${url} within ${timeoutMs} ms`);
}

/**
 * The specs of a Playwright project (playwright.config.ts) and the console they test: a database of
 * their own, migrated and seeded with the demo orgs, and a server of their own on it. The "alone"
 * specs compare every table before and after each request, so they get one to themselves, and run
 * at the same time as the others on theirs.
 */
interface Lane {
  project: "alone" | "parallel";
  port: number;
  dbName: string;
  dbUrl: string;
  server?: ReturnType<typeof spawn>;
}

const lanes: Lane[] = (["parallel", "alone"] as const).map((project, i) => {
  const dbName = `mfa_e2e_${Date.now()}_${process.pid}_${project}`;
  const dbUrl = new URL(serverUrl);
  dbUrl.pathname = `/${dbName}`;
  return { project, port: PORT + i, dbName, dbUrl: dbUrl.toString() };
});

Object.assign(process.env, {
  NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
  MFA_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
  NEXT_TELEMETRY_DISABLED: "1",
  // Specs change data and then read the Overview within the same minute: no cached figures here
  // (the cache itself is tested in lib/dashboard/dashboard-cache.test.ts).
  MFA_DASHBOARD_REFRESH_SECONDS: "0",
  // The webhooks spec points an endpoint at a receiver it starts on localhost.
  MFA_WEBHOOKS_ALLOW_LOCALHOST: "1",
});

/** Each line of a lane's Playwright output, prefixed with its project: the two runs interleave. */
function prefixed(stream: NodeJS.ReadableStream, project: string, out: NodeJS.WriteStream) {
  readline.createInterface({ input: stream }).on("line", (line) => out.write(`[${project}] ${line}\n`));
}

async function runLane(lane: Lane): Promise<number> {
  const env = { ...process.env, DATABASE_URL: lane.dbUrl, NEXTAUTH_URL: `http://localhost:${lane.port}` };
  lane.server = spawn(process.execPath, [SERVER_SCRIPT], { stdio: ["ignore", "inherit", "inherit"], env: { ...env, PORT: String(lane.port) } });
  await waitForServer(`http://localhost:${lane.port}/login`, 30_000);
  const runner = spawn(
    process.execPath,
    ["node_modules/@playwright/test/cli.js", "test", `--project=${lane.project}`, "--pass-with-no-tests", ...process.argv.slice(2)],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...env, E2E_BASE_URL: `http://localhost:${lane.port}`, E2E_DATABASE_URL: lane.dbUrl } },
  );
  prefixed(runner.stdout!, lane.project, process.stdout);
  prefixed(runner.stderr!, lane.project, process.stderr);
  return new Promise<number>((resolve) => runner.on("exit", (code) => resolve(code ?? 1)));
}

for (const lane of lanes) console.log(`e2e: ${lane.project} specs on database ${lane.dbName} on ${new URL(serverUrl).host}, server on :${lane.port}`);
let status = 1;
try {
  // The first lane's database is migrated and seeded; the other's is a copy of it. Imported after
  // DATABASE_URL is set: lib/config reads it at load.
  const [first, ...others] = lanes;
  process.env.DATABASE_URL = first!.dbUrl;
  await admin(`CREATE DATABASE "${first!.dbName}"`);
  const { prepareDatabase } = await import("./prepare-database");
  await prepareDatabase({ seedDemo: true });
  for (const lane of others) await admin(`CREATE DATABASE "${lane.dbName}" TEMPLATE "${first!.dbName}"`);
  buildIfNeeded();
  const statuses = await Promise.all(lanes.map(runLane));
  status = statuses.find((s) => s !== 0) ?? 0;
} finally {
  for (const lane of lanes) lane.server?.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  for (const lane of lanes) await admin(`DROP DATABASE IF EXISTS "${lane.dbName}" WITH (FORCE)`);
}
process.exit(status);
