// Setup > Identity Verification History as a support agent uses it (issue 5): filter by user and
// status, open an event, export the view as CSV; no admin buttons; the Setup overview (in an org of
// its own). The Globex agent's test is in tenant-history.spec.ts.
import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { createUser } from "./fixtures";
import { withDb } from "./db";
import { logIn, signedIn } from "./console";
import { createOrg } from "@/lib/orgs/create-org";
import { parseCsv } from "../helpers/parse-csv";

/** Events for a user, as login and admin actions would have written them (3 failed, 2 succeeded). */
async function seedEvents(userId: string) {
  await withDb(async (db) => {
    const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
    const base = {
      orgId: user.orgId,
      userId,
      username: user.username,
      ip: "198.51.100.23",
      userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
    };
    const hour = 3_600_000;
    await db.verificationEvent.createMany({
      data: [
        { ...base, activity: "LOGIN", method: "PASSWORD", status: "PENDING", occurredAt: new Date(Date.now() - 5 * hour) },
        { ...base, activity: "LOGIN", method: "TOTP", status: "FAILED", reason: "INVALID_CODE", occurredAt: new Date(Date.now() - 4 * hour) },
        { ...base, activity: "LOGIN", method: "TOTP", status: "FAILED", reason: "REPLAYED", occurredAt: new Date(Date.now() - 3 * hour) },
        { ...base, activity: "LOGIN", method: "TOTP", status: "SUCCEEDED", occurredAt: new Date(Date.now() - 2 * hour), detail: { factor: "Phone" } },
        { ...base, activity: "LOCKOUT", status: "FAILED", reason: "LOCKED", occurredAt: new Date(Date.now() - hour), detail: { failedAttempts: 10 } },
      ],
    });
  });
}

test("a support agent filters by user and status, opens an event, exports the view as CSV", async ({ page }) => {
  await createUser({ username: "sal.history@acme.test", name: "Sal History", profile: "Support Agent", totp: true });
  const hildaId = await createUser({ username: "hilda.history@acme.test", name: "Hilda History", profile: "Standard User", totp: true });
  await seedEvents(hildaId);
  await logIn(page, "sal.history@acme.test");

  await page.getByRole("navigation", { name: "Setup" }).getByRole("link", { name: "Verification History" }).click();
  await expect(page.getByRole("heading", { name: "Identity Verification History" })).toBeVisible();
  // Typed but not picked: the filter is not applied silently without it.
  const before = page.url();
  await page.getByRole("combobox", { name: "User" }).fill("nobody by that name");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("combobox", { name: "User" })).toHaveAccessibleDescription("Pick a user from the suggestions, or clear the User field.");
  expect(page.url()).toBe(before);
  await page.getByRole("combobox", { name: "User" }).fill("hilda");
  await page.getByRole("option", { name: /Hilda History/ }).click();
  await page.getByLabel("Status").selectOption({ label: "Failed" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(new RegExp(`user=${hildaId}.*status=FAILED`));

  const table = page.getByRole("table", { name: "Verification events, newest first" });
  const rows = table.locator("tbody tr");
  await expect(rows).toHaveCount(3);
  await expect(page.getByText("3 events match these filters")).toBeVisible();
  await expect(rows.nth(0)).toContainText("Locked out");
  await expect(rows.nth(0)).toContainText("Too many attempts");
  await expect(rows.nth(1)).toContainText("Code already used");
  await expect(rows.nth(2)).toContainText("Invalid code");
  for (const i of [0, 1, 2]) {
    await expect(rows.nth(i)).toContainText("Hilda History");
    await expect(rows.nth(i)).toContainText("Failed");
  }
  await expect(rows.nth(1)).toContainText("Chrome 131 on Windows");
  // The filtered view survives a reload: it lives in the URL.
  await page.reload();
  await expect(page.getByRole("combobox", { name: "User" })).toHaveValue("Hilda History (hilda.history@acme.test)");
  await expect(rows).toHaveCount(3);

  await rows
    .nth(0)
    .getByRole("link", { name: /View event/ })
    .click();
  await expect(page.getByRole("heading", { name: "Locked out" })).toBeVisible();
  await expect(page.getByLabel("Event detail (JSON)")).toContainText('"failedAttempts": 10');
  await expect(page.getByRole("link", { name: "Open user" })).toHaveAttribute("href", `/setup/users/${hildaId}`);
  await page.getByRole("link", { name: "Back to history" }).click();
  await expect(page).toHaveURL(new RegExp(`/setup/activity\\?user=${hildaId}.*status=FAILED`));
  await expect(rows).toHaveCount(3);

  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  const file = await (await download).path();
  const csv = parseCsv(await readFile(file, "utf8"));
  expect(csv[0]).toEqual(expect.arrayContaining(["Time (UTC)", "User", "Username", "Activity", "Status", "Failure reason"]));
  expect(csv.slice(1).map((r) => [r[2], r[3], r[5], r[6]])).toEqual([
    ["hilda.history@acme.test", "Locked out", "Failed", "Too many attempts"],
    ["hilda.history@acme.test", "Login", "Failed", "Code already used"],
    ["hilda.history@acme.test", "Login", "Failed", "Invalid code"],
  ]);

  // The export is in the history too.
  await page.goto("/setup/activity?activity=HISTORY_EXPORTED");
  await expect(rows.first()).toContainText("Sal History");
});

test("a support agent sees no admin buttons on a user's page, and reaches the history from it", async ({ page }) => {
  await logIn(page, "sal.history@acme.test");
  await page.goto("/setup/users?q=hilda");
  await page.getByRole("table", { name: "Users in your org" }).getByRole("link", { name: "Hilda History" }).click();
  await expect(page.getByRole("heading", { name: "Hilda History" })).toBeVisible();
  for (const name of ["Reset MFA", "Generate", "Disconnect", "Deactivate", "Unlock", "Edit", "New user"]) {
    await expect(page.getByRole("button", { name, exact: true })).toHaveCount(0);
    await expect(page.getByRole("link", { name, exact: true })).toHaveCount(0);
  }
  await page.getByRole("link", { name: "View all" }).click();
  await expect(page).toHaveURL(/\/setup\/activity\?user=/);
  await expect(page.getByRole("table", { name: "Verification events, newest first" }).locator("tbody tr")).toHaveCount(5);
});

test("the Setup overview shows MFA adoption and failures as charts with their numbers as text", async ({ browser }) => {
  // An org of its own: the Overview counts a whole org, and the specs run before this one leave
  // hundreds of refused API calls in Acme's history.
  const { agent, hollyId } = await withDb((db) =>
    db.$transaction(async (tx) => {
      const { org, profileIds } = await createOrg(tx, { name: "Hooli", slug: "hooli" });
      const template = await tx.user.findUniqueOrThrow({ where: { username: "admin@acme.test" } });
      const user = (username: string, name: string, profile: string) =>
        tx.user.create({ data: { orgId: org.id, username, name, passwordHash: template.passwordHash, profileId: profileIds[profile]! } });
      const agent = await user("hank.agent@hooli.test", "Hank Agent", "Support Agent");
      const holly = await user("holly@hooli.test", "Holly Hooli", "Standard User");
      await tx.totpFactor.create({
        data: { orgId: org.id, userId: holly.id, name: "Authenticator app", secretCiphertext: "v1.unused", verifiedAt: new Date() },
      });
      return { agent: agent.username, hollyId: holly.id };
    }),
  );
  await seedEvents(hollyId);
  const page = await signedIn(browser, agent, { highAssurance: true });
  await page.goto("/setup/users");
  await page.getByRole("navigation", { name: "Setup" }).getByRole("link", { name: "Overview" }).click();
  await expect(page.getByRole("heading", { name: "Overview", level: 1 })).toBeVisible();
  await expect(page.getByRole("img", { name: /active users have a verification method/ })).toBeVisible();
  const adoption = page.getByRole("table", { name: "MFA adoption by method" });
  await expect(adoption.getByRole("row", { name: /Authenticator app/ })).toContainText("%");
  await expect(page.getByRole("img", { name: /failed verifications in the last 30 days/ })).toBeVisible();
  // Holly's three seeded failures (all within the last day) are the org's only ones.
  const reasons = page.getByRole("region", { name: "Top failure reasons" });
  for (const reason of ["Too many attempts", "Invalid code", "Code already used"]) await expect(reasons).toContainText(reason);
  // One of the org's two active users has a method.
  await expect(adoption.getByRole("row", { name: /Authenticator app/ })).toContainText("50");
});

test("the history fits a 1280 px screen, and at 1024 px each event's way in stays in view", async ({ page }) => {
  // A user of its own: sal's TOTP step was just used, and waiting for the next one costs 30 s.
  await createUser({ username: "vic.history@acme.test", name: "Vic History", profile: "Support Agent", totp: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await logIn(page, "vic.history@acme.test");
  await page.goto("/setup/activity");
  const table = page.getByRole("table", { name: "Verification events, newest first" });
  const first = table.locator("tbody tr").first();
  await expect(first.getByRole("link", { name: /View event/ })).toBeInViewport();
  // No sideways scrolling at 1280 px.
  const overflow = await table.evaluate((t) => t.parentElement!.scrollWidth - t.parentElement!.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await expect(page.getByText(/^\d[\d,]*\+? events? in your org's history$/)).toBeVisible();

  await page.setViewportSize({ width: 1024, height: 768 });
  await expect(first.getByRole("link", { name: /View event/ })).toBeInViewport();
  await first.getByRole("link", { name: /View event/ }).click();
  await expect(page.getByRole("link", { name: "Back to history" })).toBeVisible();
});
