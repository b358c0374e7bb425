// Issue 12: every page of the login flow and the console, and every confirmation dialog, checked by
// axe-core (WCAG 2.0/2.1 A and AA): no serious or critical violation. One login per role; the
// users the pages are about are made here, so no demo user logs in.
import { expect, test, type Page } from "@playwright/test";
import { createUser, DEMO_SECRET } from "./fixtures";
import { logIn, newAdmin, newPage, passwordStep } from "./console";
import { freshTotp } from "./totp";
import { withDb } from "./db";
import { blockingViolations, expectAccessible, expectDialogsAccessible } from "./axe";
import { randomToken, sha256Hex } from "@/lib/security/tokens";

const HOUR_MS = 3_600_000;

/** Rows that give a user's page something in every section: a key, an active code, a lock, a session, recovery codes. */
async function giveEverything(userId: string, opts: { tempCode?: boolean; locked?: boolean } = {}) {
  await withDb(async (db) => {
    const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
    const now = new Date();
    if (opts.tempCode)
      await db.tempCode.create({ data: { orgId: user.orgId, userId, codeHash: "unused", reason: "a11y", expiresAt: new Date(now.getTime() + HOUR_MS) } });
    if (opts.locked) await db.user.update({ where: { id: userId }, data: { failedAttempts: 10, lockedUntil: new Date(now.getTime() + HOUR_MS) } });
    await db.session.create({
      data: {
        orgId: user.orgId,
        userId,
        tokenHash: sha256Hex(randomToken()),
        level: "STANDARD",
        loginMethod: "TOTP",
        ip: "127.0.0.1",
        userAgent: "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0",
        expiresAt: new Date(now.getTime() + 12 * HOUR_MS),
        createdAt: now,
        lastSeenAt: now,
      },
    });
    await db.recoveryCode.createMany({ data: [1, 2, 3].map((i) => ({ orgId: user.orgId, userId, codeHash: `unused-${i}` })) });
  });
}

async function visit(page: Page, path: string, what: string) {
  await page.goto(path);
  await expectAccessible(page, what);
}

test("the check itself finds what it gates on: an unlabelled field, a nameless button, low contrast", async ({ page }) => {
  await page.goto("/login/forgot");
  await page.evaluate(() => {
    const main = document.querySelector("main")!;
    main.insertAdjacentHTML("beforeend", '<input type="text"><button type="button"></button><p style="color:#ccc;background:#fff">faint</p>');
  });
  const found = await blockingViolations(page);
  for (const id of ["label", "button-name", "color-contrast"])
    expect(
      found.some((v) => v.includes(` ${id}: `)),
      `${id} in ${found.join("; ")}`,
    ).toBe(true);
});

test("the login flow: log in, challenges, enrollment, forgot password, activation", async ({ browser }) => {
  test.setTimeout(120_000);
  const page = await newPage(browser);
  await visit(page, "/login", "Log in");
  await page.getByLabel("Username").fill("nobody@acme.test");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Log In" }).click();
  await expect(page.getByRole("alert").and(page.locator(":not(#__next-route-announcer__)"))).toBeVisible();
  await expectAccessible(page, "Log in, refused");
  await visit(page, "/login/forgot", "Forgot password");
  await visit(page, `/activate/${randomToken()}`, "Activation, unknown link");

  // A valid activation link for a user without a password.
  const newcomer = await createUser({ username: "a11y-newcomer@acme.test", name: "Nia Newcomer", profile: "Standard User" });
  const token = randomToken();
  await withDb(async (db) => {
    const user = await db.user.findUniqueOrThrow({ where: { id: newcomer } });
    await db.activationLink.create({
      data: { orgId: user.orgId, userId: newcomer, tokenHash: sha256Hex(token), purpose: "NEW_USER", expiresAt: new Date(Date.now() + HOUR_MS) },
    });
  });
  await visit(page, `/activate/${token}`, "Activation");

  // No method registered yet: enrollment (L3).
  const fresh = await newPage(browser);
  await createUser({ username: "a11y-enroll@acme.test", name: "Ed Enroll", profile: "Standard User" });
  await passwordStep(fresh, "a11y-enroll@acme.test");
  await expect(fresh.getByRole("heading", { name: "Set up multi-factor authentication" })).toBeVisible();
  await expectAccessible(fresh, "Enrollment: choose a method");
  await visit(fresh, "/verify/enroll/totp", "Enrollment: authenticator app");
  await visit(fresh, "/verify/enroll/security-key", "Enrollment: security key");

  // A security key user's challenge, and a temporary code's.
  const keyed = await newPage(browser);
  await createUser({ username: "a11y-key@acme.test", name: "Kay Key", profile: "Standard User", securityKeys: ["Desk key"], totp: true });
  await passwordStep(keyed, "a11y-key@acme.test");
  await expect(keyed).toHaveURL(/\/verify\/security-key/);
  await expectAccessible(keyed, "Challenge: security key");
  const coded = await newPage(browser);
  const codedId = await createUser({ username: "a11y-temp@acme.test", name: "Tim Temp", profile: "Standard User", totp: true });
  await giveEverything(codedId, { tempCode: true });
  await passwordStep(coded, "a11y-temp@acme.test");
  await expect(coded).toHaveURL(/\/verify\/temp-code/);
  await expectAccessible(coded, "Challenge: temporary code");
});

test("a Standard User: TOTP and recovery code challenges, My security and its pages and dialogs, step-up, 403", async ({ page }) => {
  test.setTimeout(120_000);
  const username = "a11y-standard@acme.test";
  const userId = await createUser({ username, name: "Stan Standard", profile: "Standard User", totp: true });
  await giveEverything(userId);
  await passwordStep(page, username);
  await expect(page).toHaveURL(/\/verify\/totp/);
  await expectAccessible(page, "Challenge: authenticator app");
  await page.getByLabel("Verification code").fill("000000");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByLabel("Verification code")).toHaveAttribute("aria-invalid", "true");
  await expectAccessible(page, "Challenge: authenticator app, wrong code");
  await visit(page, "/verify/recovery-code", "Challenge: recovery code");
  await page.goto("/verify/totp");
  await page.getByLabel("Verification code").fill(await freshTotp(username, DEMO_SECRET));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("heading", { name: "My security", level: 1 })).toBeVisible();
  await expectAccessible(page, "My security");
  await expectDialogsAccessible(page, "My security");
  await visit(page, "/account/security/change-password", "Change password");
  await visit(page, "/account/security/add-authenticator", "Add authenticator app");
  await visit(page, "/account/security/add-key", "Add security key");
  await visit(page, "/setup/users", "403");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("You don't have access to this page");

  await withDb((db) => db.session.updateMany({ where: { userId, revokedAt: null }, data: { level: "STANDARD", highAssuranceUntil: null } }));
  await page.goto("/account/security/add-authenticator");
  await expect(page.getByRole("heading", { name: "Verify your identity" })).toBeVisible();
  await expectAccessible(page, "Step-up");
  await visit(page, "/verify/step-up?method=recovery-code&next=%2Faccount%2Fsecurity", "Step-up: recovery code");
});

test.describe("an administrator", () => {
  // One login for the whole console; each part has its own timeout (axe takes a few seconds a page).
  test.describe.configure({ mode: "serial" });
  let page: Page;
  let subject: string;
  let plain: string;
  test.beforeAll(async ({ browser }) => {
    subject = await createUser({ username: "a11y-subject@acme.test", name: "Sam Subject", profile: "Standard User", totp: true, securityKeys: ["Office key"] });
    await giveEverything(subject, { tempCode: true, locked: true });
    plain = await createUser({ username: "a11y-plain@acme.test", name: "Pat Plain", profile: "Standard User", totp: true });
    page = await newPage(browser);
    await logIn(page, await newAdmin("a11y"));
  });
  test.afterAll(async () => {
    await page?.context().close();
    await withDb((db) => db.webhookEndpoint.deleteMany({ where: { description: "a11y endpoint" } }));
  });

  test("Overview, Users and the bulk actions' dialogs", async () => {
    await visit(page, "/setup", "Overview");
    await visit(page, "/setup/users", "Users");
    await visit(page, "/setup/users?q=a11y&status=active", "Users, filtered");
    for (const name of ["Sam Subject", "Pat Plain"]) await page.getByLabel(`Select ${name}`).check();
    await expectAccessible(page, "Users, two selected");
    await expectDialogsAccessible(page, "Users: bulk actions");
  });

  test("a user's page and every dialog on it, Edit, Lost device, Generate temporary code", async () => {
    await visit(page, `/setup/users/${subject}`, "User page");
    const dialogs = await expectDialogsAccessible(page, "User page");
    expect(dialogs, "Deactivate, Unlock, Reset password, Reset MFA, Expire Now, Disconnect ×2, Revoke sessions").toBeGreaterThanOrEqual(8);
    await visit(page, `/setup/users/${subject}/edit`, "Edit user");
    await visit(page, `/setup/users/${subject}/lost-device`, "Lost or stolen device");
    await visit(page, `/setup/users/${subject}/temp-code`, "Generate temporary code, a code active");
    await expectDialogsAccessible(page, "Generate temporary code");

    await visit(page, `/setup/users/${plain}/temp-code`, "Generate temporary code");
    await page.getByRole("button", { name: "Generate Code" }).click();
    await expect(page.getByLabel("Reason")).toHaveAttribute("aria-invalid", "true");
    await expectAccessible(page, "Generate temporary code, refused");
    await page.getByLabel("Reason").fill("Phone lost, confirmed by a call");
    await page.getByRole("button", { name: "Generate Code" }).click();
    await expect(page.getByLabel("Temporary Verification Code")).toHaveText(/^\d{4} \d{4}$/);
    await expectAccessible(page, "Temporary code shown once");
  });

  test("New user, refused and created", async () => {
    await visit(page, "/setup/users/new", "New user");
    await page.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByLabel("Username")).toHaveAttribute("aria-invalid", "true");
    await expectAccessible(page, "New user, refused");
    await page.getByLabel("Name", { exact: true }).fill("Nell New");
    await page.getByLabel("Username").fill("a11y-nell@acme.test");
    await page.getByRole("button", { name: "Create user" }).click();
    await expect(page.getByLabel("Activation link")).toBeVisible();
    await expectAccessible(page, "New user created");
  });

  test("Security, Profiles, API tokens", async () => {
    await visit(page, "/setup/security", "Security");
    await page.getByRole("group", { name: "Session security levels" }).getByLabel("Authenticator app").uncheck();
    await page.getByRole("group", { name: "Session security levels" }).getByLabel("Security key / passkey").uncheck();
    await expectAccessible(page, "Security, warnings shown");
    await visit(page, "/setup/profiles", "Profiles");
    await expectDialogsAccessible(page, "Profiles");
    await visit(page, "/setup/api-tokens", "API tokens");
    await visit(page, "/setup/api-tokens/new", "New API token");
  });

  test("Webhooks: list, new, secret shown once, endpoint and its dialogs, edit", async () => {
    await visit(page, "/setup/webhooks", "Webhooks");
    await visit(page, "/setup/webhooks/new", "New webhook");
    await page.getByLabel("Endpoint URL").fill("http://localhost:9/a11y");
    await page.getByLabel("Description").fill("a11y endpoint");
    await page.getByRole("button", { name: "Add endpoint" }).click();
    await expect(page.getByLabel("Signing secret")).toHaveText(/^whsec_/);
    await expectAccessible(page, "Webhook secret shown once");
    const endpoint = await withDb((db) => db.webhookEndpoint.findFirstOrThrow({ where: { description: "a11y endpoint" } }));
    await visit(page, `/setup/webhooks/${endpoint.id}`, "Webhook endpoint");
    await expectDialogsAccessible(page, "Webhook endpoint");
    await visit(page, `/setup/webhooks/${endpoint.id}/edit`, "Edit webhook");
  });

  test("Verification History, an event, 404", async () => {
    await visit(page, "/setup/activity", "Verification History");
    const event = await withDb((db) => db.verificationEvent.findFirstOrThrow({ orderBy: { occurredAt: "desc" } }));
    await visit(page, `/setup/activity/${event.id}`, "Event");
    await visit(page, "/setup/users/00000000-0000-4000-8000-000000000000", "404: no such user");
    await visit(page, "/no-such-page", "404");
  });
});
