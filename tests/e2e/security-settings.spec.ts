// Setup > Security, S2 (issue 12): unticking a login method that could step up warns beside it and
// is saved only with "Save anyway"; the verification history option stands in its own group.
import { expect, test, type Page } from "@playwright/test";
import { logIn, newAdmin, toasts } from "./console";
import { withDb } from "./db";

const DEFAULT_METHODS = ["TOTP", "WEBAUTHN", "TEMP_CODE", "RECOVERY_CODE"] as const;
/** With E2E_SCREENSHOTS=<dir>: the page at a desktop and a small laptop width. */
async function shots(page: Page, name: string) {
  const dir = process.env.E2E_SCREENSHOTS;
  if (!dir) return;
  for (const [width, height] of [
    [1440, 900],
    [1024, 768],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: `${dir}/${name}-${width}x${height}.png`, fullPage: true });
  }
}

const acmeSettings = () => withDb((db) => db.orgSettings.findFirstOrThrow({ where: { org: { slug: "acme" } } }));

// Every other spec logs in with an app and expects High Assurance: put the default back.
test.afterEach(async () => {
  const { orgId } = await acmeSettings();
  await withDb((db) => db.orgSettings.update({ where: { orgId }, data: { highAssuranceMethods: [...DEFAULT_METHODS] } }));
});

test("unticking Authenticator app warns beside it, is refused until confirmed, then saved", async ({ page }) => {
  await logIn(page, await newAdmin("security-warning"));
  await page.goto("/setup/security");
  const levels = page.getByRole("group", { name: "Session security levels" });
  const app = levels.getByLabel("Authenticator app");
  const key = levels.getByLabel("Security key / passkey");
  await expect(levels.getByText(/^Warning:/)).toHaveCount(0);

  await app.uncheck();
  await expect(app).toHaveAccessibleDescription(
    /Logging in with the authenticator app would give a Standard session, and the authenticator app could no longer step up/,
  );
  await expect(levels.getByText(/^Warning:/)).toHaveCount(1);
  // Unticking the security key too leaves recovery codes as the only step-up.
  await key.uncheck();
  await expect(levels.getByText("Recovery codes would be the only way to step up", { exact: false })).toBeVisible();
  await shots(page, "security-warnings");
  await key.check();
  await expect(levels.getByText("Recovery codes would be the only way to step up", { exact: false })).toHaveCount(0);

  // Save without confirming: refused beside the confirmation, nothing saved.
  await page.getByRole("button", { name: "Save" }).click();
  const confirm = levels.getByLabel("Save anyway: I have read the warnings above");
  await expect(confirm).toHaveAccessibleDescription(/This change leaves some users without a way to High Assurance/);
  await shots(page, "security-refused-unconfirmed");
  await expect(app).not.toBeChecked();
  expect((await acmeSettings()).highAssuranceMethods).toContain("TOTP");

  await confirm.check();
  await page.getByRole("button", { name: "Save" }).click();
  await expect(toasts(page)).toContainText("Security settings saved.");
  await expect(page.getByRole("status").filter({ hasText: "Saved: 1 setting changed." })).toBeVisible();
  expect((await acmeSettings()).highAssuranceMethods).toEqual(["WEBAUTHN", "TEMP_CODE", "RECOVERY_CODE"]);
  // Saved and accepted: the page no longer warns about it, and other saves ask nothing.
  await page.reload();
  await expect(levels.getByLabel("Authenticator app")).not.toBeChecked();
  await expect(levels.getByText(/^Warning:/)).toHaveCount(0);

  const event = await withDb((db) =>
    db.verificationEvent.findFirstOrThrow({ where: { activity: "SETTINGS_CHANGED", actor: { username: "admin-security-warning@acme.test" } } }),
  );
  expect(event.detail).toEqual({ highAssuranceMethods: { from: [...DEFAULT_METHODS], to: ["WEBAUTHN", "TEMP_CODE", "RECOVERY_CODE"] } });
});

test("the verification history's High Assurance option has its own group, apart from the login methods", async ({ page }) => {
  await logIn(page, await newAdmin("security-groups"));
  await page.goto("/setup/security");
  const history = page.getByRole("group", { name: "Verification history" });
  await expect(history.getByLabel("Viewing or exporting the verification history requires High Assurance")).toBeVisible();
  await expect(page.getByRole("group", { name: "Session security levels" }).getByLabel(/verification history/)).toHaveCount(0);
});
