import { defineConfig } from "@playwright/test";

// The server is started by scripts/e2e.ts against a freshly migrated and seeded database.
const baseURL = process.env.E2E_BASE_URL ?? "http://localhost:3100";

// Specs that must have a console to themselves: the hostile-input specs compare a fingerprint of
// every table before and after each probe; security-hardening and security-settings change Acme's
// org-wide settings for a while. scripts/e2e.ts gives them a server and database of their own and runs them,
// one at a time, beside the other specs. Those share the demo orgs, so they act on users of their
// own (tests/e2e/console.ts newAdmin, fixtures.ts createUser); a demo user's TOTP steps are handed
// out across workers by tests/e2e/totp.ts.
const ALONE = /\/(hostile-[a-z]+|security-hardening|security-settings)\.spec\.ts$/;

export default defineConfig({
  testDir: "tests/e2e",
  // Spec files spread over the workers; the tests of one file run in order, in one worker.
  fullyParallel: false,
  workers: Number(process.env.E2E_WORKERS ?? 2),
  projects: [
    // Output directories of their own: the two projects run as two Playwright processes at once.
    { name: "alone", testMatch: ALONE, workers: 1, outputDir: "test-results/alone" },
    { name: "parallel", testIgnore: ALONE, outputDir: "test-results/parallel" },
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
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
  },
});
