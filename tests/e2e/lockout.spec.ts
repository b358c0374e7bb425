// L8, B6: wrong codes count; with 3 or fewer left the challenge warns; at the limit the user is
// told when to retry — at the challenge, where the password was already proven. Then even the
// right password gets no further, and reads exactly like a wrong one (docs/decisions/009).
import { expect, test } from "@playwright/test";
import { passwordStep } from "./console";
import { createUser } from "./fixtures";

test("a user is locked after the limit and told when to retry", async ({ page }) => {
  // A user of this test's own: a locked demo user would stop the specs running beside this one.
  const username = "dora.lockout@acme.test";
  await createUser({ username, name: "Dora Lockout", profile: "MFA Delegate" });
  const logIn = () => passwordStep(page, username);
  await logIn();
  // Dora has no method yet, so this is the registration screen; its wrong codes count too.
  await expect(page.getByRole("heading", { name: "Set up multi-factor authentication" })).toBeVisible();
  await page.getByRole("link", { name: /Authenticator app/ }).click();
  const code = page.getByLabel("Verification code");
  // Each submission waits for its own server-action response: the messages of attempts 1–6 are
  // identical, so waiting for the text alone could race ahead of the request.
  const submit = () =>
    Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/verify/enroll")),
      page.getByRole("button", { name: "Verify and continue" }).click(),
    ]);
  for (let attempt = 1; attempt <= 9; attempt++) {
    await code.fill("000000");
    await submit();
    const left = 10 - attempt;
    await expect(
      page.getByText(left <= 3 ? `${left === 1 ? "1 attempt" : `${left} attempts`} left before your account is locked.` : "That code isn't valid"),
    ).toBeVisible();
  }
  await code.fill("000000");
  await submit();
  await expect(page.getByRole("alert").filter({ hasText: "Too many failed attempts" })).toContainText(/Try again after \d\d:\d\d/);

  // The right password now reads like a wrong one: no hint that it was right, nor a lock time.
  await logIn();
  const alert = page.getByRole("main").getByRole("alert");
  await expect(alert).toContainText("Incorrect username or password.");
  await expect(alert).toContainText("After too many failed attempts an account is locked for a while");
  await expect(alert).not.toContainText(/\d\d:\d\d/);
});
