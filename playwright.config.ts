import { defineConfig } from "@playwright/test";

// The server is started by scripts/e2e.ts against a freshly migrated and seeded database.
const baseURL = process.env.E2E_BASE_URL ?? "http://localhost:3100";

// Specs that must have the server to themselves: the hostile-input specs compare a fingerprint of
// every table before and after each probe, the outage spec takes the database away, and
// security-hardening turns on an Acme-wide approval rule for a while. scripts/e2e.ts runs them
// first, one at a time, then the others in parallel. Those share the demo orgs, so they act on
// users of their own (tests/e2e/console.ts newAdmin, fixtures.ts createUser); a demo user's
// TOTP steps are handed out across workers by tests/e2e/totp.ts.
const ALONE = /\/(hostile-[a-z]+|database-outage|security-hardening)\.spec\.ts$/;

export default defineConfig({
  testDir: "tests/e2e",
  // Spec files spread over the workers; the tests of one file run in order, in one worker.
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  projects: [
    { name: "alone", testMatch: ALONE, workers: 1 },
    { name: "parallel", testIgnore: ALONE },
  ],
  retries: 0,
  timeout: 60_000,
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
});
