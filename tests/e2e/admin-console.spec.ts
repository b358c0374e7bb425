// Setup > Users as an admin clicks it (issue 4): temporary codes end to end, refusals, step-up,
// Reset MFA, Disconnect, and what a delegate and a support agent may do.
import { expect, test } from "@playwright/test";
import { createUser, DEMO_SECRET } from "./fixtures";
import { freshTotp } from "./totp";
import { withDb } from "./db";
import { logIn, newAdmin, newPage, openUser, passwordStep, toasts } from "./console";

test("a temporary code: Generate → the user logs in with it alone → Expire Now → their TOTP is asked again", async ({ page, browser }) => {
  await createUser({ username: "carol@acme.test", name: "Carol Chen", profile: "Standard User", totp: true });
  await logIn(page, await newAdmin("tempcode"));
  await openUser(page, "carol@acme.test");
  await page.getByRole("link", { name: "Generate" }).click();
  await expect(page).toHaveURL(/\/temp-code$/);
  await page.getByLabel("Expiration").selectOption("2");
  await page.getByLabel("Reason").fill("Lost phone, confirmed by a call");
  await page.getByRole("button", { name: "Generate Code" }).click();
  const code = (await page.getByLabel("Temporary Verification Code").textContent())!.replace(/\s/g, "");
  expect(code).toMatch(/^\d{8}$/);
  await page.getByRole("button", { name: "Done" }).click();
  await expect(toasts(page)).toContainText("Temporary verification code active for Carol Chen.");
  await expect(page.getByRole("region", { name: "Temporary Verification Code" })).toContainText("Active until");
  // Never shown again.
  await expect(page.getByText(code.slice(0, 4) + " " + code.slice(4))).toHaveCount(0);

  const carol = await newPage(browser);
  await passwordStep(carol, "carol@acme.test");
  await expect(carol.getByRole("heading", { name: "Enter your temporary verification code" })).toBeVisible();
  await carol.getByLabel("Temporary Verification Code").fill(code);
  await carol.getByRole("button", { name: "Verify" }).click();
  await carol.waitForURL(/\/account\/security/);

  await page.reload();
  const section = page.getByRole("region", { name: "Temporary Verification Code" });
  await expect(section).toContainText("used 1 time");
  await expect(section.getByRole("table", { name: "Uses" })).toContainText(/127\.0\.0\.1|::1/);
  await section.getByRole("button", { name: "Expire Now" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Expire Now" }).click();
  await expect(section).toContainText("No active code.");
  await expect(toasts(page)).toContainText("Temporary verification code expired.");

  await carol.context().clearCookies();
  await passwordStep(carol, "carol@acme.test");
  await expect(carol.getByRole("heading", { name: "Verify your identity" })).toBeVisible();
  await expect(carol.getByLabel("Verification code")).toBeVisible();
});

test("the 7th code within an hour is refused with the time the next is allowed", async ({ page }) => {
  const userId = await createUser({ username: "gina@acme.test", name: "Gina Gray", profile: "Standard User", totp: true });
  await withDb(async (db) => {
    const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
    for (let i = 0; i < 6; i++) {
      await db.tempCode.create({
        data: {
          orgId: user.orgId,
          userId,
          codeHash: `spent-${i}`,
          reason: "earlier",
          expiresAt: new Date(Date.now() + 3_600_000),
          expiredAt: new Date(),
          createdAt: new Date(Date.now() - (50 - i) * 60_000),
        },
      });
    }
  });
  await logIn(page, await newAdmin("seventh"));
  // The user's page does not offer it, and says why.
  await page.goto(`/setup/users/${userId}`);
  const generate = page.getByRole("region", { name: "Temporary Verification Code" }).getByRole("button", { name: "Generate" });
  await expect(generate).toBeDisabled();
  await expect(generate).toHaveAccessibleDescription("6 of 6 codes were generated in the last hour: wait before generating another.");
  // A bookmarked form still refuses, keeping what was typed.
  await page.goto(`/setup/users/${userId}/temp-code`);
  await page.getByLabel("Reason").fill("Lost phone");
  await page.getByLabel("Expiration").selectOption("3");
  await page.getByRole("button", { name: "Generate Code" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText(
    /You can generate up to 6 codes per hour for each user\. The next code can be generated at \d\d:\d\d\./,
  );
  // The refusal keeps what the admin typed and picked.
  await expect(page.getByLabel("Reason")).toHaveValue("Lost phone");
  await expect(page.getByLabel("Expiration")).toHaveValue("3");
});

test("an inactive user gets no code", async ({ page }) => {
  await createUser({ username: "ivy@acme.test", name: "Ivy Inactive", profile: "Standard User", totp: true, isActive: false });
  await logIn(page, await newAdmin("inactive"));
  await openUser(page, "ivy@acme.test");
  const userUrl = page.url();
  const generate = page.getByRole("region", { name: "Temporary Verification Code" }).getByRole("button", { name: "Generate" });
  await expect(generate).toBeDisabled();
  await expect(generate).toHaveAccessibleDescription("The user is inactive: reactivate them first.");
  await page.goto(`${userUrl}/temp-code`);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("You can't generate a code for an inactive user. Reactivate the user first.");
  await expect(page.getByRole("button", { name: "Generate Code" })).toHaveCount(0);
  await page.getByRole("link", { name: "Back to Ivy Inactive" }).click();
  await expect(page).toHaveURL(userUrl);
});

test("a bookmarked Generate while a code is active offers Expire Now there, then the form", async ({ page }) => {
  await createUser({ username: "jay@acme.test", name: "Jay Jones", profile: "Standard User", totp: true });
  await logIn(page, await newAdmin("active-code"));
  await openUser(page, "jay@acme.test");
  const userUrl = page.url();
  await page.getByRole("link", { name: "Generate" }).click();
  await expect(page).toHaveURL(/\/temp-code$/);
  await page.getByLabel("Reason").fill("Phone in repair");
  await page.getByRole("button", { name: "Generate Code" }).click();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("region", { name: "Temporary Verification Code" })).toContainText("Active until");
  await page.goto(`${userUrl}/temp-code`);
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(
    "This user already has an active temporary verification code. Expire it before generating a new one.",
  );
  await page.getByRole("button", { name: "Expire Now" }).click();
  await page.getByRole("dialog", { name: "Expire this temporary verification code?" }).getByRole("button", { name: "Expire Now" }).click();
  await expect(toasts(page)).toContainText("Temporary verification code expired. You can generate a new one.");
  await expect(page.getByRole("button", { name: "Generate Code" })).toBeVisible();
});

test("a Standard session steps up, returns, and Reset MFA sends the user back to registration", async ({ page, browser }) => {
  await createUser({ username: "erin@acme.test", name: "Erin Evans", profile: "Standard User", totp: true });
  await logIn(page, await newAdmin("stepup"));
  // The admin's High Assurance window has run out.
  await withDb((db) =>
    db.session.updateMany({ where: { user: { username: "admin-stepup@acme.test" }, revokedAt: null }, data: { level: "STANDARD", highAssuranceUntil: null } }),
  );
  await openUser(page, "erin@acme.test");
  const userUrl = page.url();
  await expect(page.getByText("Standard session")).toBeVisible();
  await page.getByRole("button", { name: "Reset MFA" }).click();
  await expect(page.getByRole("heading", { name: "Verify your identity" })).toBeVisible();
  await page.getByLabel("Verification code").fill(await freshTotp("admin-stepup@acme.test", DEMO_SECRET));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL(userUrl);
  await expect(page.getByText(/High assurance until \d\d:\d\d/)).toBeVisible();

  await page.getByRole("button", { name: "Reset MFA" }).click();
  const dialog = page.getByRole("dialog", { name: "Reset MFA for this user?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Reset MFA" }).click();
  // Nothing happens without a reason: the dialog stays, the methods stay.
  await expect(dialog).toBeVisible();
  await expect(page.getByRole("region", { name: "Verification methods" })).toContainText("Authenticator app");
  await dialog.getByLabel("Reason").fill("Phone replaced");
  await dialog.getByRole("button", { name: "Reset MFA" }).click();
  await expect(page.getByRole("region", { name: "Verification methods" })).toContainText("No verification method registered");
  await expect(toasts(page)).toContainText("MFA reset: Erin Evans registers a method again at the next login.");

  const erin = await newPage(browser);
  await passwordStep(erin, "erin@acme.test");
  await expect(erin.getByRole("heading", { name: "Set up multi-factor authentication" })).toBeVisible();
});

test("Disconnect removes one security key of two", async ({ page }) => {
  await createUser({ username: "frank@acme.test", name: "Frank Ford", profile: "Standard User", securityKeys: ["Office key", "Backup key"] });
  await logIn(page, await newAdmin("disconnect"));
  await openUser(page, "frank@acme.test");
  const methods = page.getByRole("region", { name: "Verification methods" });
  await methods
    .getByRole("row", { name: /Office key/ })
    .getByRole("button", { name: "Disconnect" })
    .click();
  const dialog = page.getByRole("dialog", { name: 'Disconnect "Office key"?' });
  // Read like every other dialog (not right-aligned from its table cell); the other key stays.
  await expect(dialog).toHaveAccessibleDescription("Frank Ford will no longer be able to verify with this security key. Other methods stay.");
  await expect(dialog.getByText(/will no longer be able to verify/)).toHaveCSS("text-align", "left");
  await dialog.getByLabel("Reason").fill("Key lost");
  await dialog.getByRole("button", { name: "Disconnect" }).click();
  await expect(methods.getByRole("row", { name: /Office key/ })).toHaveCount(0);
  await expect(methods.getByRole("row", { name: /Backup key/ })).toHaveCount(1);
  await expect(toasts(page)).toContainText('"Office key" disconnected.');

  // The last key: no "Other methods stay." when there are none.
  await methods
    .getByRole("row", { name: /Backup key/ })
    .getByRole("button", { name: "Disconnect" })
    .click();
  await expect(page.getByRole("dialog", { name: 'Disconnect "Backup key"?' })).toHaveAccessibleDescription(
    "Frank Ford will no longer be able to verify with this security key. It is their only verification method.",
  );
});

test("an MFA Delegate can generate a code but not administer users", async ({ page }) => {
  await createUser({ username: "dana@acme.test", name: "Dana Delegate", profile: "MFA Delegate", totp: true });
  const userId = await createUser({ username: "hank@acme.test", name: "Hank Hill", profile: "Standard User", totp: true });
  await withDb((db) => db.user.update({ where: { id: userId }, data: { failedAttempts: 10, lockedUntil: new Date(Date.now() + 600_000) } }));
  await logIn(page, "dana@acme.test");
  await openUser(page, "hank@acme.test");
  // A8 is not the delegate's: no Unlock, no Edit, no Deactivate, no New user.
  for (const name of ["Unlock", "Deactivate"]) await expect(page.getByRole("button", { name })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Edit" })).toHaveCount(0);
  expect((await page.request.get(`/setup/users/${userId}/edit`)).status()).toBe(403);
  await page.getByRole("link", { name: "Generate" }).click();
  await expect(page).toHaveURL(/\/temp-code$/);
  await expect(page.getByRole("button", { name: "Generate Code" })).toBeVisible();
  await page.getByLabel("Reason").fill("Locked out, phone lost");
  await page.getByRole("button", { name: "Generate Code" }).click();
  await expect(page.getByLabel("Temporary Verification Code")).toHaveText(/^\d{4} \d{4}$/);
});

test("a Support Agent sees users but cannot act", async ({ page }) => {
  await createUser({ username: "sue@acme.test", name: "Sue Support", profile: "Support Agent", totp: true });
  const userId = await createUser({ username: "ian@acme.test", name: "Ian Ives", profile: "Standard User", totp: true });
  await logIn(page, "sue@acme.test");
  await openUser(page, "ian@acme.test");
  await expect(page.getByRole("region", { name: "Verification methods" })).toContainText("Authenticator app");
  for (const name of ["Generate", "Reset MFA", "Disconnect", "Expire Now", "Revoke all sessions", "Lost or stolen device"]) {
    await expect(page.getByRole("button", { name }).or(page.getByRole("link", { name }))).toHaveCount(0);
  }
  const response = await page.request.get(`/setup/users/${userId}/temp-code`);
  expect(response.status()).toBe(403);
});

test("an Acme admin gets 404 for every Globex user page, and nothing changes", async ({ page }) => {
  const gus = await withDb((db) => db.user.findUniqueOrThrow({ where: { username: "admin@globex.test" }, include: { totpFactors: true } }));
  await logIn(page, await newAdmin("crossorg"));
  for (const path of ["", "/edit", "/temp-code", "/lost-device"]) {
    expect((await page.request.get(`/setup/users/${gus.id}${path}`)).status(), `/setup/users/<globex>${path}`).toBe(404);
  }
  await page.goto(`/setup/users?q=globex`);
  await expect(page.getByText("No users match these filters.")).toBeVisible();
  const after = await withDb((db) => db.user.findUniqueOrThrow({ where: { id: gus.id }, include: { totpFactors: true } }));
  expect(after.totpFactors).toHaveLength(gus.totpFactors.length);
});

test("bulk: revoke sessions and expire temporary codes for the selected users, with a result per user", async ({ page }) => {
  const withCode = await createUser({ username: "kim.bulkpair@acme.test", name: "Kim Kale", profile: "Standard User", totp: true });
  await createUser({ username: "lee.bulkpair@acme.test", name: "Lee Lowe", profile: "Standard User", totp: true });
  await withDb(async (db) => {
    const kim = await db.user.findUniqueOrThrow({ where: { id: withCode } });
    await db.tempCode.create({ data: { orgId: kim.orgId, userId: kim.id, codeHash: "h", reason: "r", expiresAt: new Date(Date.now() + 3_600_000) } });
  });
  await logIn(page, await newAdmin("bulk"));
  // Only these two: other specs add Acme users, which could push them off the first page.
  await page.goto("/setup/users?q=bulkpair&status=active");
  const toolbar = page.getByRole("toolbar", { name: "Bulk actions" });
  // Nothing to act on yet: the buttons wait, and say why.
  await expect(toolbar.getByRole("button", { name: "Expire temporary codes" })).toBeDisabled();
  await expect(toolbar).toContainText("Select users in the table first.");
  for (const name of ["Kim Kale", "Lee Lowe"]) await page.getByLabel(`Select ${name}`).check();
  await expect(toolbar).toContainText("2 selected");
  await toolbar.getByRole("button", { name: "Expire temporary codes" }).click();
  const dialog = page.getByRole("dialog", { name: "Expire temporary codes for 2 selected users?" });
  // Who is affected and what happens, as the single-user dialog says it.
  await expect(dialog).toHaveAccessibleDescription(/^Kim Kale and Lee Lowe\.\s*Their active temporary verification codes stop working/);
  await dialog.getByRole("button", { name: "Expire temporary codes" }).click();
  const results = page.getByRole("region", { name: "Bulk action results" });
  await expect(results).toContainText("Kim Kale: Temporary code expired");
  await expect(results).toContainText("Lee Lowe: This user has no active temporary verification code.");
  expect(await withDb((db) => db.tempCode.count({ where: { userId: withCode, expiredAt: null } }))).toBe(0);
});

test("Revoke sessions and Deactivate each say that they worked", async ({ page, browser }) => {
  await createUser({ username: "rita@acme.test", name: "Rita Ross", profile: "Standard User", totp: true });
  const rita = await newPage(browser);
  await logIn(rita, "rita@acme.test");
  await logIn(page, await newAdmin("toasts"));
  await openUser(page, "rita@acme.test");
  await page.getByRole("button", { name: "Revoke all sessions" }).click();
  await page.getByRole("dialog", { name: "Revoke all sessions?" }).getByRole("button", { name: "Revoke sessions" }).click();
  await expect(toasts(page)).toContainText("Sessions revoked: Rita Ross is logged out everywhere.");
  await expect(page.getByRole("region", { name: "Sessions" })).toContainText("No active sessions.");

  await page.getByRole("button", { name: "Deactivate" }).click();
  await page.getByRole("dialog", { name: "Deactivate this user?" }).getByRole("button", { name: "Deactivate" }).click();
  await expect(toasts(page)).toContainText("Rita Ross deactivated.");
  await expect(page.getByText("Inactive", { exact: true })).toBeVisible();
});

test("bulk: selecting oneself is flagged, and Revoke sessions for a user without one is no event", async ({ page }) => {
  const userId = await createUser({ username: "ola.nosession@acme.test", name: "Ola Bulkself", profile: "Standard User", totp: true });
  const admin = await newAdmin("bulkself");
  await withDb((db) => db.user.update({ where: { username: admin }, data: { name: "Admin Bulkself" } }));
  await logIn(page, admin);
  await page.goto("/setup/users?q=Bulkself");
  await page.getByLabel("Select all users on this page").check();
  const toolbar = page.getByRole("toolbar", { name: "Bulk actions" });
  await expect(toolbar).toContainText("2 selected");
  await toolbar.getByRole("button", { name: "Revoke sessions" }).click();
  const dialog = page.getByRole("dialog", { name: "Revoke sessions for 2 selected users?" });
  await expect(dialog.getByRole("alert")).toHaveText("You selected your own account: it is left as it is. Ask another administrator to do this for you.");
  await dialog.getByRole("button", { name: "Revoke sessions" }).click();
  const results = page.getByRole("region", { name: "Bulk action results" });
  await expect(results).toContainText("Ola Bulkself: No active sessions: nothing to revoke");
  await expect(results).toContainText("Admin Bulkself: You can't do this to your own account.");
  expect(await withDb((db) => db.verificationEvent.count({ where: { activity: "SESSION_REVOKED", userId } }))).toBe(0);
});
