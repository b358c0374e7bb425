// L3: MFA required, nothing registered — a user registers an authenticator app at login, and the
// next login asks for its code instead of enrolling again. The user is made here, as the demo's
// bob is (a Standard User with no method): the demo's own bob is left for people trying `npm start`.
import { expect, test } from "@playwright/test";
import { createUser } from "./fixtures";
import { freshTotp } from "./totp";

const BEA = "bea.enroll@acme.test";

test("a user registers an authenticator app on first login, then logs in with it", async ({ page }) => {
  await createUser({ username: BEA, name: "Bea Enroll", profile: "Standard User" });
  await page.goto("/login");
  await page.getByLabel("Username").fill(BEA);
  await page.getByLabel("Password").fill("demo-password-1");
  await page.getByRole("button", { name: "Log In" }).click();

  await expect(page.getByRole("heading", { name: "Set up multi-factor authentication" })).toBeVisible();
  await page.getByRole("link", { name: /Authenticator app/ }).click();
  await expect(page.getByRole("heading", { name: "Set up an authenticator app" })).toBeVisible();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = (await page.getByTestId("manual-key").textContent())!.replace(/\s+/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);

  // A reload keeps the same secret (the app may already hold it).
  await page.reload();
  await expect(page.getByTestId("manual-key")).toHaveText(secret.match(/.{1,4}/g)!.join(" "));

  await page.getByLabel("Verification code").fill("000000");
  await page.getByRole("button", { name: "Verify and continue" }).click();
  await expect(page.getByText("That code isn't valid")).toBeVisible();

  await page.getByLabel("Verification code").fill(await freshTotp(BEA, secret));
  await page.getByRole("button", { name: "Verify and continue" }).click();
  // B1: the first recovery codes, shown once, before the session starts — in place of the QR step.
  await expect(page.getByRole("status").filter({ hasText: "Authenticator app registered" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Save your recovery codes" })).toBeVisible();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toHaveCount(0);
  await expect(page.getByTestId("manual-key")).toHaveCount(0);
  const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  await expect(codes.first()).toHaveText(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$/);
  const continueButton = page.getByRole("button", { name: "Continue" });
  await expect(continueButton).toBeDisabled();
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download" }).click();
  expect((await download).suggestedFilename()).toBe("mfa-console-recovery-codes.txt");
  await page.getByLabel("I have saved these codes").check();
  await continueButton.click();
  // Bea is a Standard User: signed in, she starts on My security; Setup is not hers.
  await expect(page.getByRole("heading", { name: "My security" })).toBeVisible();
  // Log out is a client button: a click before the page's scripts have run does nothing (seen in CI
  // on a fast run), so wait for them first.
  await page.waitForLoadState("networkidle");
  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login/);

  await page.getByLabel("Username").fill(BEA);
  await page.getByLabel("Password").fill("demo-password-1");
  await page.getByRole("button", { name: "Log In" }).click();
  await expect(page.getByRole("heading", { name: "Verify your identity" })).toBeVisible();
  await page.getByLabel("Verification code").fill(await freshTotp(BEA, secret));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(/\/account\/security$/);
  await expect(page.getByRole("heading", { name: "My security" })).toBeVisible();
  // Setup refuses her with a real HTTP 403, not a 200 page that says so.
  expect((await page.request.get("/setup/users")).status()).toBe(403);
});

test("Setup > Users sends a visitor without a session to log in", async ({ request }) => {
  const response = await request.get("/setup/users", { maxRedirects: 0 });
  expect(response.status()).toBe(307);
  expect(response.headers()["location"]).toMatch(/\/login$/);
});
