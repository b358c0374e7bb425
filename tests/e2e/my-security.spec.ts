// SPEC B7, L9, L10 in the browser: a user ends another of their own sessions from "My security"
// and that browser is logged out on its next request; renames a method; regenerates recovery
// codes after "Verify your identity". The user lives in an org of its own, made here, so no other
// spec's demo users or counts are touched.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { withDb } from "./db";
import { logIn as logInThroughTheForm, signedIn, toasts } from "./console";
import { DEMO_SECRET } from "./fixtures";
import { freshTotp } from "./totp";
import { createOrg } from "@/lib/orgs/create-org";
import { encryptTotpSecret } from "@/lib/mfa/totp-secret";

const USERNAME = "mia@initech.test";

test.beforeAll(async () => {
  await withDb(async (db) => {
    if (await db.user.findUnique({ where: { username: USERNAME } })) return;
    const template = await db.user.findUniqueOrThrow({ where: { username: "alice@acme.test" } });
    await db.$transaction(async (tx) => {
      const { org, profileIds } = await createOrg(tx, { name: "Initech", slug: "initech" });
      const mia = await tx.user.create({
        data: { orgId: org.id, username: USERNAME, name: "Mia Moreno", passwordHash: template.passwordHash, profileId: profileIds["Standard User"]! },
      });
      await tx.totpFactor.create({
        data: { orgId: org.id, userId: mia.id, name: "Authenticator app", secretCiphertext: encryptTotpSecret(DEMO_SECRET, mia.id), verifiedAt: new Date() },
      });
    });
  });
});

// Logins and step-ups each spend a TOTP step: freshTotp may wait for the next one (up to ~60 s)
// when a run is retried within the minute, so these tests get more than the default minute.
test.describe.configure({ timeout: 150_000 });
test.setTimeout(120_000);

async function logIn(page: Page) {
  await logInThroughTheForm(page, USERNAME);
  // A Standard User (no console permission) starts on My security.
  await expect(page).toHaveURL(/\/account\/security$/);
  await expect(page.getByRole("heading", { name: "My security", level: 1 })).toBeVisible();
}

async function newBrowser(browser: Browser, userAgent?: string) {
  const context = await browser.newContext(userAgent ? { userAgent } : {});
  return { context, page: await context.newPage() };
}

const events = (activity: string) =>
  withDb((db) => db.verificationEvent.findMany({ where: { username: USERNAME, activity: activity as never }, orderBy: { id: "asc" } }));

test("ending another of my sessions logs that browser out on its next request", async ({ page, browser }) => {
  await logIn(page);
  const other = await newBrowser(browser, "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0");
  await logIn(other.page);

  await page.reload();
  const sessions = page.getByRole("table", { name: "Your sessions" });
  await expect(sessions.getByRole("row", { name: /This session/ })).toBeVisible();
  const firefox = sessions.getByRole("row", { name: /Firefox 133 on Windows/ });
  await expect(firefox).toBeVisible();
  await expect(firefox).toContainText("High assurance");

  const revokedBefore = (await events("SESSION_REVOKED")).length;
  await firefox.getByRole("button", { name: /^End session: Firefox 133 on Windows/ }).click();
  const dialog = page.getByRole("dialog", { name: "End this session?" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("will be logged out on its next request");
  await dialog.getByRole("button", { name: "End session" }).click();
  await expect(toasts(page)).toContainText("Session ended. That browser is logged out on its next request.");
  await expect(sessions.getByRole("row", { name: /Firefox 133 on Windows/ })).toHaveCount(0);
  await expect(sessions.getByRole("row", { name: /This session/ })).toBeVisible();

  // The other browser's next request finds its session revoked.
  await other.page.reload();
  await expect(other.page).toHaveURL(/\/login/);
  await other.context.close();
  // This browser is still signed in.
  await page.reload();
  await expect(page.getByRole("heading", { name: "My security", level: 1 })).toBeVisible();

  const revoked = (await events("SESSION_REVOKED")).slice(revokedBefore);
  expect(revoked).toHaveLength(1);
  expect(revoked[0]).toMatchObject({ status: "SUCCEEDED", ip: expect.stringMatching(/^(127\.0\.0\.1|::1)$/) });
  // And it is in my own recent activity.
  await expect(
    page
      .getByRole("table", { name: /Your recent verification activity/ })
      .getByRole("row", { name: /Session revoked/ })
      .first(),
  ).toBeVisible();
});

test("renaming my authenticator app", async ({ browser }) => {
  // Signed in as the test before left Mia: her TOTP steps are kept for the step-up below.
  const page = await signedIn(browser, USERNAME);
  await page.goto("/account/security");
  const methods = page.getByRole("table", { name: "Your verification methods" });
  await methods.getByRole("button", { name: "Rename Authenticator app" }).click();
  const name = methods.getByLabel("New name for Authenticator app");
  await expect(name).toBeFocused();

  await name.fill("   ");
  await methods.getByRole("button", { name: "Save" }).click();
  await expect(methods.getByText("Give it a name.")).toBeVisible();

  await name.fill("Work phone");
  await name.press("Enter");
  await expect(methods.getByRole("row", { name: /Work phone/ })).toBeVisible();
  await expect(methods.getByRole("button", { name: "Remove Work phone" })).toBeVisible();
  await page.reload();
  await expect(methods.getByRole("row", { name: /Work phone/ })).toContainText("Authenticator app");
  expect((await events("METHOD_RENAMED")).at(-1)?.detail).toMatchObject({ from: "Authenticator app", to: "Work phone" });
});

test("regenerating recovery codes asks a Standard session to verify, then shows the new codes once", async ({ browser }) => {
  // A session whose High Assurance window has run out (as if an hour had passed since the login).
  const page = await signedIn(browser, USERNAME);
  await page.goto("/account/security");
  await expect(page.getByText("Standard session")).toBeVisible();
  await expect(page.getByText("0 of 10 recovery codes left.")).toBeVisible();

  await page.getByRole("button", { name: "Generate recovery codes" }).click();
  await expect(page).toHaveURL(/\/verify\/step-up\?next=/);
  await expect(page.getByRole("heading", { name: "Verify your identity" })).toBeVisible();
  await expect(page.getByText("This action needs a recently verified session.")).toBeVisible();
  await page.getByLabel("Verification code").fill("000000");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText("That code isn't valid")).toBeVisible();
  await page.getByLabel("Verification code").fill(await freshTotp(USERNAME, DEMO_SECRET));
  await page.getByRole("button", { name: "Verify" }).click();

  // Back on My security, raised, with the confirmation open again.
  await expect(page).toHaveURL(/\/account\/security/);
  await expect(page.getByText(/High assurance until \d\d:\d\d/)).toBeVisible();
  const dialog = page.getByRole("dialog", { name: "Generate recovery codes?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Generate codes" }).click();

  await expect(page.getByRole("heading", { name: "Save your recovery codes" })).toBeVisible();
  const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  const first = (await codes.first().textContent())!;
  await page.getByLabel("I have saved these codes").check();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByText("10 of 10 recovery codes left.")).toBeVisible();
  // Shown once: a reload shows the count, never the codes.
  await page.reload();
  await expect(page.getByText("10 of 10 recovery codes left.")).toBeVisible();
  await expect(page.getByText(first)).toHaveCount(0);

  // Regenerating again replaces them, with the session still High Assurance: no second step-up.
  await page.getByRole("button", { name: "Regenerate recovery codes" }).click();
  const again = page.getByRole("dialog", { name: "Regenerate recovery codes?" });
  await expect(again).toContainText("Your 10 unused codes stop working right away.");
  await again.getByRole("button", { name: "Regenerate codes" }).click();
  await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  await expect(page.getByRole("list", { name: "Recovery codes" })).not.toContainText(first);

  const stepUps = await events("STEP_UP");
  expect(stepUps.map((e) => [e.method, e.status, e.reason])).toEqual([
    ["TOTP", "FAILED", "INVALID_CODE"],
    ["TOTP", "SUCCEEDED", null],
  ]);
  expect(await events("RECOVERY_CODES_GENERATED")).toHaveLength(2);
});
