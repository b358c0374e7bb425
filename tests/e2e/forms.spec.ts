// Console forms refused by the server keep everything the admin typed and put each message beside
// its field; a save says so next to its button.
import { expect, test } from "@playwright/test";
import { createUser } from "./fixtures";
import { logIn, newAdmin, toasts } from "./console";
import { withDb } from "./db";

test("New user: a taken username and a too-long name keep every field and are said beside their fields", async ({ page }) => {
  await createUser({ username: "taken@acme.test", name: "Taken Already", profile: "Standard User" });
  await logIn(page, await newAdmin("newuser-form"));
  await page.goto("/setup/users/new");
  await page.getByLabel("Name", { exact: true }).fill("Tom Taken");
  await page.getByLabel("Username").fill("taken@acme.test");
  await page.getByLabel("Profile").selectOption({ label: "MFA Delegate" });
  await page.getByLabel("Multi-Factor Authentication for User Interface Logins").check();
  await page.getByRole("button", { name: "Create user" }).click();

  await expect(page.getByLabel("Username")).toHaveAccessibleDescription(/That username can't be used\. Choose another\./);
  await expect(page.getByLabel("Username")).toHaveValue("taken@acme.test");
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue("Tom Taken");
  await expect(page.getByLabel("Profile").locator("option:checked")).toHaveText("MFA Delegate");
  await expect(page.getByLabel("Multi-Factor Authentication for User Interface Logins")).toBeChecked();

  await page.getByLabel("Name", { exact: true }).fill("T".repeat(130));
  await page.getByLabel("Username").fill("tom.free@acme.test");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByLabel("Name", { exact: true })).toHaveAccessibleDescription("Keep the name under 120 characters.");
  await expect(page.getByLabel("Username")).toHaveValue("tom.free@acme.test");
  await expect(page.getByLabel("Multi-Factor Authentication for User Interface Logins")).toBeChecked();
});

test("Setup > Security: every refused field says why beside it, keeps what was typed; Saved shows by the button", async ({ page }) => {
  await logIn(page, await newAdmin("security-form"));
  await page.goto("/setup/security");
  const attempts = page.getByLabel("Maximum failed attempts");
  const idle = page.getByLabel("Idle timeout (minutes)");
  const savedAttempts = await attempts.inputValue();
  await attempts.fill("1");
  await idle.fill("2");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(attempts).toHaveAccessibleDescription(/Maximum failed attempts: at least 3\./);
  await expect(idle).toHaveAccessibleDescription(/Idle timeout: at least 5\./);
  await expect(attempts).toHaveValue("1");
  await expect(idle).toHaveValue("2");
  await expect(page.getByRole("status").filter({ hasText: "Saved" })).toHaveCount(0);

  // Put them back: nothing changes, and the button's neighbour says it was saved.
  await page.reload();
  await expect(attempts).toHaveValue(savedAttempts);
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved: nothing changed." })).toBeVisible();
  await expect(toasts(page)).toContainText("Nothing to save: no setting changed.");
});

test("Edit user: a refused name keeps the other choices; Save says it worked and returns to the user", async ({ page }) => {
  const userId = await createUser({ username: "edna.edit@acme.test", name: "Edna Edit", profile: "Standard User" });
  await logIn(page, await newAdmin("edit-form"));
  await page.goto(`/setup/users/${userId}/edit`);
  await page.getByLabel("Profile").selectOption({ label: "Support Agent" });
  await page.getByLabel("Name", { exact: true }).fill("E".repeat(130));
  await page.getByRole("button", { name: "Save" }).click();
  await expect(page.getByLabel("Name", { exact: true })).toHaveAccessibleDescription("Keep the name under 120 characters.");
  await expect(page.getByLabel("Profile").locator("option:checked")).toHaveText("Support Agent");

  await page.getByLabel("Name", { exact: true }).fill("Edna Edited");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(toasts(page)).toContainText("Saved.");
  await expect(page).toHaveURL(new RegExp(`/setup/users/${userId}$`));
  await expect(page.getByRole("heading", { name: "Edna Edited" })).toBeVisible();
  await expect(page.getByText("Support Agent", { exact: true })).toBeVisible();
});

test("Generate temporary code: a missing reason and an expiry past the org's limit are each said beside their field, keeping the choices", async ({ page }) => {
  const userId = await createUser({ username: "tess.tempform@acme.test", name: "Tess Tempform", profile: "Standard User", totp: true });
  await logIn(page, await newAdmin("temp-code-form"));
  await page.goto(`/setup/users/${userId}/temp-code`);
  const expiration = page.getByLabel("Expiration");
  const reason = page.getByLabel("Reason");
  await expiration.selectOption("12");
  await page.getByLabel("Maximum uses").selectOption("3");
  await page.getByRole("button", { name: "Generate Code" }).click();
  await expect(reason).toHaveAttribute("aria-invalid", "true");
  await expect(reason).toHaveAccessibleDescription(/^Enter a reason: it is kept in the verification history\./);
  await expect(expiration).not.toHaveAttribute("aria-invalid");
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("Check the highlighted fields.");
  await expect(expiration).toHaveValue("12");
  await expect(page.getByLabel("Maximum uses")).toHaveValue("3");
  if (process.env.E2E_SCREENSHOTS) {
    for (const [width, height] of [
      [1440, 900],
      [1024, 768],
    ] as const) {
      await page.setViewportSize({ width, height });
      await page.screenshot({ path: `${process.env.E2E_SCREENSHOTS}/temp-code-refused-${width}x${height}.png`, fullPage: true });
    }
  }

  // Another admin lowers the longest expiry while this form is open.
  const acme = await withDb((db) => db.user.findUniqueOrThrow({ where: { id: userId } }));
  await withDb((db) => db.orgSettings.update({ where: { orgId: acme.orgId }, data: { tempCodeMaxHours: 4 } }));
  try {
    await reason.fill("Phone lost, confirmed by a call");
    await page.getByRole("button", { name: "Generate Code" }).click();
    await expect(expiration).toHaveAttribute("aria-invalid", "true");
    await expect(expiration).toHaveAccessibleDescription("Pick an expiration within your org's limit.");
    await expect(reason).not.toHaveAttribute("aria-invalid");
    await expect(reason).toHaveValue("Phone lost, confirmed by a call");
    await expect(expiration).toHaveValue("12");
    expect(await withDb((db) => db.tempCode.count({ where: { userId } }))).toBe(0);
  } finally {
    await withDb((db) => db.orgSettings.update({ where: { orgId: acme.orgId }, data: { tempCodeMaxHours: 24 } }));
  }
});
