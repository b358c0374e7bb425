// The foundation slice in a real browser: password + authenticator-app code → Setup > Users,
// tenant isolation on the page, log out, and a session revoked in Postgres ending the browser's.
import { expect, test } from "@playwright/test";
import { logIn } from "./console";
import pg from "pg";
import { freshTotp } from "./totp";
import { DEMO_SECRET } from "./fixtures";

const PASSWORD = "demo-password-1";

test("admin logs in with password and TOTP, sees the users list, logs out", async ({ page }) => {
  await logIn(page, "admin@acme.test");
  await expect(page).toHaveURL(/\/setup\/users$/);
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  const table = page.getByRole("table", { name: "Users in your org" });
  await expect(table.getByRole("row").filter({ hasText: "admin@acme.test" })).toHaveCount(1);
  // The six demo users of Acme, each found by a search (other specs add users of their own, so
  // not all of them need be on the first page).
  for (const u of ["support", "bob", "api"]) {
    await page.goto(`/setup/users?q=${u}%40acme.test`);
    await expect(table.getByRole("row").filter({ has: page.getByRole("cell", { name: `${u}@acme.test`, exact: true }) })).toHaveCount(1);
  }
  await page.goto("/setup/users?q=delegate%40acme.test");
  await expect(table.getByRole("row").filter({ has: page.getByRole("cell", { name: "delegate@acme.test", exact: true }) })).toContainText("None registered");
  await page.goto("/setup/users?q=alice%40acme.test");
  const alice = table.getByRole("row").filter({ hasText: "alice@acme.test" });
  await expect(alice).toContainText("Standard User");
  await expect(alice).toContainText("Active");
  await expect(alice).toContainText("Authenticator app");
  await page.goto("/setup/users?q=globex");
  await expect(page.getByText("0 users match")).toBeVisible();
  await expect(page.getByRole("main")).not.toContainText("@globex.test");
  await expect(page.getByText(/High assurance until \d\d:\d\d/)).toBeVisible();

  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/setup/users");
  await expect(page).toHaveURL(/\/login/);
  // Log out revoked the row and left an event with where it came from.
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT ip, user_agent FROM verification_events WHERE activity = 'LOGOUT' AND username = $1 ORDER BY id DESC LIMIT 1", [
      "admin@acme.test",
    ]);
    expect(rows[0]).toMatchObject({ ip: expect.stringMatching(/^(127\.0\.0\.1|::1)$/), user_agent: expect.stringContaining("Chrome") });
  } finally {
    await client.end();
  }
});

test("wrong password and unknown user read the same", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Username").fill("admin@acme.test");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Log In" }).click();
  const alert = page.getByRole("main").getByRole("alert");
  await expect(alert).toContainText("Incorrect username or password.");
  await page.getByLabel("Username").fill("nobody@acme.test");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Log In" }).click();
  await expect(page.getByLabel("Username")).toHaveValue("nobody@acme.test");
  await expect(alert).toContainText("Incorrect username or password.");
});

test("a wrong code is refused on the code field and the right one still works", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Username").fill("alice@acme.test");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log In" }).click();
  await page.getByLabel("Verification code").fill("000000");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText("That code isn't valid")).toBeVisible();
  await page.getByLabel("Verification code").fill(await freshTotp("alice@acme.test", DEMO_SECRET));
  await page.getByRole("button", { name: "Verify" }).click();
  // Alice has no console permission: she starts on My security, and Setup answers 403.
  await expect(page).toHaveURL(/\/account\/security$/);
  await expect(page.getByRole("heading", { name: "My security" })).toBeVisible();
  expect((await page.request.get("/setup/users")).status()).toBe(403);
});

test("Globex admin sees only Globex users", async ({ page }) => {
  await logIn(page, "admin@globex.test");
  const table = page.getByRole("table", { name: "Users in your org" });
  await expect(table).toContainText("admin@globex.test");
  await expect(table).not.toContainText("acme");
  // Other specs may add Globex users meanwhile: every row is a Globex user, and the count says so.
  const rows = table.getByRole("row").filter({ hasNot: page.getByRole("columnheader") });
  for (const row of await rows.all()) await expect(row).toContainText("@globex.test");
  await expect(page.getByText(/^[\d,]+\+? users? in your org$/)).toBeVisible();
});

test("a session revoked in the database logs the browser out on its next request", async ({ page }) => {
  const startedAt = new Date();
  await logIn(page, "admin@acme.test");
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  try {
    const { rowCount } = await client.query(
      // Only this test's login: other specs may be signed in as admin@acme.test at the same time.
      "UPDATE sessions SET revoked_at = now(), revoked_reason = 'e2e' WHERE revoked_at IS NULL AND created_at >= $2 AND user_id = (SELECT id FROM users WHERE username = $1)",
      ["admin@acme.test", startedAt],
    );
    expect(rowCount).toBeGreaterThan(0);
  } finally {
    await client.end();
  }
  await page.reload();
  await expect(page).toHaveURL(/\/login/);
});

test("a client-sent X-Forwarded-For is not what the history records", async ({ browser }) => {
  const client = new pg.Client({ connectionString: process.env.E2E_DATABASE_URL });
  await client.connect();
  const failures = async () =>
    (
      await client.query<{ ip: string }>("SELECT ip FROM verification_events WHERE username = $1 AND reason = 'INVALID_CREDENTIALS' ORDER BY id", [
        "support@acme.test",
      ])
    ).rows;
  const before = (await failures()).length;
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": "198.51.100.66" } });
  const page = await context.newPage();
  try {
    await page.goto("/login");
    await page.getByLabel("Username").fill("support@acme.test");
    await page.getByLabel("Password").fill("wrong-password-for-ip-check");
    await page.getByRole("button", { name: "Log In" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toContainText("Incorrect username or password.");
    // A wrong password's event is written just after the answer is sent (lib/next/after-response.ts).
    await expect.poll(async () => (await failures()).length).toBe(before + 1);
    expect((await failures()).at(-1)!.ip).toMatch(/^(127\.0\.0\.1|::1)$/);
  } finally {
    await client.end();
    await context.close();
  }
});

test("an Api Only user is refused at the UI after a correct password (L11)", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Username").fill("api@acme.test");
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log In" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("This is an Api Only user: it can call the API but cannot log in to the console.");
  await page.goto("/setup/users");
  await expect(page).toHaveURL(/\/login/);
});
