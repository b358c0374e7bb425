// Issue 9, the seed's walk-through (vendor-resetting-mfa-ui-and-api.txt), as an admin clicks it:
// Setup > API Tokens → New token (after "Verify your identity") → copy it; the Setup overview's
// API Docs → Authorize → the user topic → PUT /users/{id}/mfa/reset → Try it out → edit the
// Example Value → Execute → 200. Bob's page then has no method, and the history shows the API
// call and the reset with the token as actor.
import { expect, test } from "@playwright/test";
import { createUser, DEMO_SECRET } from "./fixtures";
import { withDb } from "./db";
import { freshTotp } from "./totp";
import { logIn, newAdmin, openUser } from "./console";

test("an admin creates a token, and resets bob's MFA from the Swagger docs", async ({ page }) => {
  const bobId = await createUser({ username: "bob.api@acme.test", name: "Bob Api", profile: "Standard User", totp: true });
  const admin = await newAdmin("swagger");
  await logIn(page, admin);
  // A Standard session: creating a token asks to verify first (L10).
  await withDb((db) => db.session.updateMany({ where: { user: { username: admin }, revokedAt: null }, data: { level: "STANDARD", highAssuranceUntil: null } }));

  await page.getByRole("navigation", { name: "Setup" }).getByRole("link", { name: "API Tokens" }).click();
  await expect(page.getByRole("heading", { name: "API Tokens" })).toBeVisible();
  await page.getByRole("link", { name: "New token" }).click();
  await expect(page.getByRole("heading", { name: "Verify your identity" })).toBeVisible();
  await page.getByLabel("Verification code").fill(await freshTotp(admin, DEMO_SECRET));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("heading", { name: "New API token" })).toBeVisible();
  await page.getByLabel("Name").fill("Helpdesk automation");
  await page.getByLabel("Acts as").selectOption({ label: "Acme Integration (api@acme.test)" });
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByLabel("API token").textContent())!.trim();
  expect(token).toMatch(/^mfac_[A-Za-z0-9_-]{43}$/);
  await page.getByRole("link", { name: "Done" }).click();
  const row = page.getByRole("table", { name: "API tokens" }).getByRole("row").filter({ hasText: "Helpdesk automation" });
  await expect(row).toContainText("Acme Integration");
  await expect(row).toContainText(token.slice(0, 13));
  await expect(row).not.toContainText(token);

  await page.getByRole("navigation", { name: "Setup" }).getByRole("link", { name: "Overview" }).click();
  await page.getByRole("link", { name: "API Docs (Swagger)" }).click();
  // Swagger UI renders in the browser, from a large bundle: give it longer on a busy machine.
  await expect(page.getByRole("heading", { name: /MFA Console API/ })).toBeVisible({ timeout: 20_000 });
  await page.getByRole("button", { name: "Authorize" }).first().click();
  // Swagger UI's own modal (its markup, not ours).
  const modal = page.locator(".modal-ux");
  await modal.locator("input").fill(token);
  await modal.getByRole("button", { name: "Apply credentials" }).click();
  await expect(modal.getByRole("button", { name: "Remove authorization" })).toBeVisible();
  await modal.getByRole("button", { name: "Close" }).click();

  const operation = page.locator("#operations-user-resetUserMfa");
  await operation.getByText("/api/v1/users/{id}/mfa/reset").click();
  await operation.getByRole("button", { name: "Try it out" }).click();
  await operation.getByPlaceholder("id").fill(bobId);
  const body = operation.locator("textarea.body-param__text");
  await expect(body).toHaveValue(/"reason"/);
  await body.fill(JSON.stringify({ reason: "Bob's phone was stolen; confirmed by his manager" }, null, 2));
  await operation.getByRole("button", { name: "Execute" }).click();
  const live = operation.locator(".live-responses-table");
  await expect(live.locator("tbody .response-col_status")).toHaveText("200");
  await expect(live).toContainText('"result": "reset"');

  await openUser(page, "bob.api@acme.test");
  await expect(page.getByRole("region", { name: "Verification methods" })).toContainText("No verification method registered");
  await page.goto(`/setup/activity?user=${bobId}`);
  const history = page.getByRole("table", { name: /verification events/i });
  await expect(history.getByRole("row").filter({ hasText: "MFA reset" })).toContainText("Acme Integration via API token “Helpdesk automation”");
  await page.goto("/setup/activity?activity=API_CALL");
  await expect(history.getByRole("row").nth(1)).toContainText("API call");
});
