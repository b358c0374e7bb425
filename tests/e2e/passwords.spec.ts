// W1–W4 as people click them: an admin creates a user and hands over the activation link, the user
// sets their own password (the rules refuse a short and a breached one) and registers an app; the
// link works once. The help desk's Reset password logs the user out and issues a new link. A user
// changes their own password after step-up, which ends their other session.
import { expect, test, type Page } from "@playwright/test";
import { logIn, newAdmin, newPage, openUser, signedIn } from "./console";
import { createUser, DEMO_SECRET } from "./fixtures";
import { freshTotp } from "./totp";
import { withDb } from "./db";

/** The form's own alert (Next.js adds an empty one, its route announcer). */
const formAlert = (page: Page) => page.getByRole("alert").and(page.locator(":not(#__next-route-announcer__)"));

const CAROL = "carol.new@acme.test";
const CAROL_PASSWORD = "harbor quiet maple seventeen";

async function setPassword(page: Page, password: string, confirm = password) {
  await page.getByLabel("New password", { exact: true }).fill(password);
  await page.getByLabel("Confirm new password").fill(confirm);
  await page.getByRole("button", { name: "Set password" }).click();
}

test("a new user activates with their own password and an app; the help desk's reset logs them out and issues a new link", async ({ browser }) => {
  test.setTimeout(120_000);
  const admin = await newPage(browser);
  await logIn(admin, await newAdmin("activation"));
  await admin.goto("/setup/users/new");
  await admin.getByLabel("Name", { exact: true }).fill("Carol New");
  await admin.getByLabel("Username").fill(CAROL);
  await admin.getByRole("button", { name: "Create user" }).click();
  await expect(admin.getByText("User created. They set their own password with this link")).toBeVisible();
  const link = (await admin.getByLabel("Activation link").textContent())!.trim();
  expect(link).toMatch(/\/activate\/[A-Za-z0-9_-]{43}$/);
  await expect(admin.getByRole("button", { name: "Copy link" })).toBeVisible();
  await expect(admin.getByText(/password/i).filter({ hasText: /initial password/i })).toHaveCount(0);

  // A second browser: Carol's.
  const carol = await newPage(browser);
  await carol.goto(link);
  await expect(carol.getByRole("heading", { name: "Welcome — set your password" })).toBeVisible();
  await expect(carol.getByText(`For ${CAROL} at Acme.`)).toBeVisible();
  await carol.getByLabel("New password", { exact: true }).fill("password123");
  await expect(carol.getByRole("meter", { name: "Password strength" })).toHaveAttribute("aria-valuetext", "Too weak");
  await setPassword(carol, "short one");
  await expect(formAlert(carol)).toContainText("Use at least 12 characters.");
  await setPassword(carol, "qwerty123456");
  await expect(formAlert(carol)).toContainText("too common");
  await carol.getByLabel("New password", { exact: true }).fill(CAROL_PASSWORD);
  await expect(carol.getByRole("meter", { name: "Password strength" })).not.toHaveAttribute("aria-valuetext", "Too weak");
  await setPassword(carol, CAROL_PASSWORD);

  // Then MFA as at any first login (L3).
  await expect(carol.getByRole("heading", { name: "Set up multi-factor authentication" })).toBeVisible();
  await carol.getByRole("link", { name: /Authenticator app/ }).click();
  const secret = (await carol.getByTestId("manual-key").textContent())!.replace(/\s+/g, "");
  await carol.getByLabel("Verification code").fill(await freshTotp(CAROL, secret));
  await carol.getByRole("button", { name: "Verify and continue" }).click();
  await carol.getByLabel("I have saved these codes").check();
  await carol.getByRole("button", { name: "Continue" }).click();
  await expect(carol.getByRole("heading", { name: "My security" })).toBeVisible();

  // The link works once.
  const second = await newPage(browser);
  await second.goto(link);
  await expect(second.getByRole("heading", { name: "This link can't be used" })).toBeVisible();
  await expect(second.getByText("This link was already used")).toBeVisible();

  // The help desk resets Carol's password.
  await openUser(admin, CAROL);
  await admin.getByRole("button", { name: "Reset password" }).click();
  const dialog = admin.getByRole("dialog", { name: "Reset this user's password?" });
  await dialog.getByLabel("Reason").fill("Forgot password, called back on her desk phone");
  await dialog.getByRole("button", { name: "Reset password" }).click();
  const newLink = (await dialog.getByLabel("Activation link").textContent())!.trim();
  expect(newLink).not.toBe(link);
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(admin.getByText(/Not set — activation link valid until/)).toBeVisible();

  // Carol's open session ends on its next request; her old password no longer works.
  await carol.reload();
  await expect(carol).toHaveURL(/\/login/);
  await carol.getByLabel("Username").fill(CAROL);
  await carol.getByLabel("Password").fill(CAROL_PASSWORD);
  await carol.getByRole("button", { name: "Log In" }).click();
  await expect(formAlert(carol)).toContainText("Incorrect username or password.");

  // The new link works — and her app, which stays registered, is still asked for.
  await carol.goto(newLink);
  await expect(carol.getByRole("heading", { name: "Set a new password" })).toBeVisible();
  await setPassword(carol, "second harbor quiet maple");
  await expect(carol.getByRole("heading", { name: "Verify your identity" })).toBeVisible();
  await carol.getByLabel("Verification code").fill(await freshTotp(CAROL, secret));
  await carol.getByRole("button", { name: "Verify" }).click();
  await expect(carol.getByRole("heading", { name: "My security" })).toBeVisible();

  // Her page's activity tells the story.
  await admin.reload();
  for (const label of ["Password set with an activation link", "Password reset by an administrator", "User created"]) {
    await expect(admin.getByText(label, { exact: true }).first()).toBeVisible();
  }
});

test("the login page says what to do about a forgotten password", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await expect(page.getByText("Ask your administrator or help desk to reset it.")).toBeVisible();
  await page.getByRole("link", { name: "Back to log in" }).click();
  await expect(page).toHaveURL(/\/login$/);
});

test("a user changes their password on My security after step-up; their other session ends", async ({ browser }) => {
  test.setTimeout(90_000);
  const username = "pat.change@acme.test";
  await createUser({ username, name: "Pat Change", profile: "Standard User", totp: true });
  // The other browser holds a session as a finished login leaves it: its own login through the form
  // would spend a second TOTP step, and the step-up below a third — half a minute of waiting.
  const other = await signedIn(browser, username);
  await other.goto("/account/security");
  await expect(other.getByRole("heading", { name: "My security" })).toBeVisible();

  // This session is Standard: the High Assurance window of the login is made to have passed.
  const page = await newPage(browser);
  await logIn(page, username);
  await withDb((db) => db.session.updateMany({ where: { user: { username } }, data: { highAssuranceUntil: new Date(Date.now() - 1000), level: "STANDARD" } }));

  await page.getByRole("link", { name: "Change password" }).click();
  await expect(page.getByRole("heading", { name: "Verify your identity" })).toBeVisible();
  await page.getByLabel("Verification code").fill(await freshTotp(username, DEMO_SECRET));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("heading", { name: "Change password" })).toBeVisible();

  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel("New password", { exact: true }).fill("copper window autumn river");
  await page.getByLabel("Confirm new password").fill("copper window autumn river");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(formAlert(page)).toContainText("Your current password isn't right.");

  await page.getByLabel("Current password").fill("demo-password-1");
  await page.getByLabel("New password", { exact: true }).fill("copper window autumn river");
  await page.getByLabel("Confirm new password").fill("copper window autumn river");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("Your password was changed, and your other sessions were ended.")).toBeVisible();

  await other.reload();
  await expect(other).toHaveURL(/\/login/);
  await page.reload();
  await expect(page.getByRole("heading", { name: "My security" })).toBeVisible();
});

test("bulk Reset password gives a link per selected user, shown once in the results", async ({ page }) => {
  await createUser({ username: "mia.bulk@acme.test", name: "Mia Bulkreset", profile: "Standard User", totp: true });
  await createUser({ username: "ned.bulk@acme.test", name: "Ned Bulkreset", profile: "Standard User", totp: true });
  await logIn(page, await newAdmin("bulk-password"));
  await page.goto("/setup/users?q=Bulkreset");
  for (const name of ["Mia Bulkreset", "Ned Bulkreset"]) await page.getByLabel(`Select ${name}`).check();
  await page.getByRole("toolbar", { name: "Bulk actions" }).getByRole("button", { name: "Reset password" }).click();
  const dialog = page.getByRole("dialog", { name: "Reset password for 2 selected users?" });
  await expect(dialog.getByText("Their passwords stop working now")).toBeVisible();
  await dialog.getByLabel("Reason").fill("Contractors' passwords rotated after the audit");
  await dialog.getByRole("button", { name: "Reset password" }).click();
  const results = page.getByRole("region", { name: "Bulk action results" });
  await expect(results).toContainText("Mia Bulkreset: Password reset: give them this activation link");
  await expect(results).toContainText("Ned Bulkreset: Password reset: give them this activation link");
  const links = await Promise.all(
    ["Mia Bulkreset", "Ned Bulkreset"].map(async (n) => (await results.getByLabel(`Activation link for ${n}`).textContent())!.trim()),
  );
  expect(links[0]).not.toBe(links[1]);
  const visitor = await newPage(page.context().browser()!);
  await visitor.goto(links[1]!);
  await expect(visitor.getByRole("heading", { name: "Set a new password" })).toBeVisible();
  await expect(visitor.getByText("For ned.bulk@acme.test at Acme.")).toBeVisible();
});
