// The e2e stage of `npm test`: a fresh database on the test Postgres, migrated and seeded with
// the demo orgs; a production build served by `next start`; Playwright in Debian's Chromium.
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import pg from "pg";
import { buildIfNeeded, SERVER_SCRIPT } from "./build-if-needed";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const serverUrl = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const dbName = `mfa_e2e_${Date.now()}_${process.pid}`;
const dbUrl = new URL(serverUrl);
dbUrl.pathname = `/${dbName}`;

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

Object.assign(process.env, {
  DATABASE_URL: dbUrl.toString(),
  NEXTAUTH_URL: `http://localhost:${PORT}`,
  NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
  MFA_ENCRYPTION_KEY: crypto.randomBytes(32).toString("base64"),
  NEXT_TELEMETRY_DISABLED: "1",
  // Specs change data and then read the Overview within the same minute: no cached figures here
  // (the cache itself is tested in lib/dashboard/dashboard-cache.test.ts).
  MFA_DASHBOARD_REFRESH_SECONDS: "0",
  // The webhooks spec points an endpoint at a receiver it starts on localhost.
  MFA_WEBHOOKS_ALLOW_LOCALHOST: "1",
});

console.log(`e2e: database ${dbName} on ${new URL(serverUrl).host}, server on :${PORT}`);
await admin(`CREATE DATABASE "${dbName}"`);
let server: ReturnType<typeof spawn> | undefined;
let status = 1;
try {
  // Imported after DATABASE_URL is set: lib/config reads it at load.
  const { prepareDatabase } = await import("./prepare-database");
  await prepareDatabase({ seedDemo: true });
  buildIfNeeded();
  server = spawn(process.execPath, [SERVER_SCRIPT], { stdio: ["ignore", "inherit", "inherit"], env: { ...process.env, PORT: String(PORT) } });
  await waitForServer(`http://localhost:${PORT}/login`, 30_000);
  // The specs that need the server alone first, then the rest in parallel (playwright.config.ts):
  // two runs, so a failure in the first still lets the second run and report.
  const statuses: number[] = [];
  for (const project of ["alone", "parallel"]) {
    const runner = spawn(
      process.execPath,
      ["node_modules/@playwright/test/cli.js", "test", `--project=${project}`, "--pass-with-no-tests", ...process.argv.slice(2)],
      { stdio: "inherit", env: { ...process.env, E2E_BASE_URL: `http://localhost:${PORT}`, E2E_DATABASE_URL: dbUrl.toString() } },
    );
    statuses.push(await new Promise<number>((resolve) => runner.on("exit", (code) => resolve(code ?? 1))));
  }
  status = statuses.find((s) => s !== 0) ?? 0;
} finally {
  server?.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  await admin(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
}
process.exit(status);
