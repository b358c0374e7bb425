// Issue 8 in the browser: the second-administrator approval as two admins live it; High Assurance
// for single revoke, unlock and deactivate; the pending-login cookie gone once logged in; a
// cross-site export refused without an event; the nonce CSP on every page.
import { expect, test } from "@playwright/test";
import { createUser } from "./fixtures";
import { withDb } from "./db";
import { logIn, newAdmin, newPage, openUser, passwordStep } from "./console";

test("with approval on, a delegate's temporary code for an administrator is shown only to the approving administrator", async ({ page, browser }) => {
  await createUser({ username: "tara@acme.test", name: "Tara Admin", profile: "System Administrator", totp: true });
  await withDb((db) => db.orgSettings.updateMany({ where: { org: { slug: "acme" } }, data: { requireSecondAdminForAdminReset: true } }));
  try {
    await logIn(page, await newAdmin("approval-delegate", "MFA Delegate"));
    await openUser(page, "tara@acme.test");
    await page.getByRole("link", { name: "Generate" }).click();
    await expect(page).toHaveURL(/\/temp-code$/);
    await page.getByLabel("Reason").fill("Lost phone, called her back");
    await page.getByRole("button", { name: "Generate Code" }).click();
    await expect(page.getByRole("status")).toContainText("Request sent.");
    await expect(page.getByLabel("Temporary Verification Code")).toHaveCount(0);
    await page.getByRole("button", { name: "Done" }).click();
    const banner = page.getByRole("status").filter({ hasText: "Waiting for a second administrator" });
    await expect(banner).toContainText("Temporary verification code (1 hour)");
    await expect(banner).toContainText("Another administrator must approve it.");
    // Nor can the requester take the methods one by one meanwhile: Reset MFA is not offered.
    await expect(page.getByRole("button", { name: "Reset MFA" })).toHaveCount(0);

    const approver = await newPage(browser);
    await logIn(approver, await newAdmin("approval-approver"));
    await openUser(approver, "tara@acme.test");
    await approver.getByRole("button", { name: "Approve" }).click();
    const dialog = approver.getByRole("dialog", { name: /Approve: Temporary verification code/ });
    await expect(dialog).toContainText("shown to you once");
    await dialog.getByRole("button", { name: "Approve" }).click();
    const code = (await dialog.getByLabel("Temporary Verification Code").textContent())!.replace(/\s/g, "");
    expect(code).toMatch(/^\d{8}$/);
    await dialog.getByRole("button", { name: "Done" }).click();
    await expect(approver.getByRole("region", { name: "Temporary Verification Code" })).toContainText("Active until");
    await expect(approver.getByText("Waiting for a second administrator")).toHaveCount(0);

    const tara = await newPage(browser);
    await passwordStep(tara, "tara@acme.test");
    await tara.getByLabel("Temporary Verification Code").fill(code);
    await tara.getByRole("button", { name: "Verify" }).click();
    await tara.waitForURL(/\/setup/);
  } finally {
    await withDb((db) => db.orgSettings.updateMany({ where: { org: { slug: "acme" } }, data: { requireSecondAdminForAdminReset: false } }));
  }
});

test("Revoke all sessions, Unlock and Deactivate ask a Standard session to verify first", async ({ page, browser }) => {
  await createUser({ username: "una@acme.test", name: "Una Locked", profile: "Standard User", totp: true });
  const una = await newPage(browser);
  await logIn(una, "una@acme.test"); // a session to revoke
  await withDb((db) => db.user.update({ where: { username: "una@acme.test" }, data: { failedAttempts: 10, lockedUntil: new Date(Date.now() + 15 * 60_000) } }));
  const admin = await newAdmin("ha-single");
  await logIn(page, admin);
  await withDb((db) => db.session.updateMany({ where: { user: { username: admin }, revokedAt: null }, data: { level: "STANDARD", highAssuranceUntil: null } }));
  await openUser(page, "una@acme.test");
  const userUrl = page.url();
  for (const name of ["Revoke all sessions", "Unlock", "Deactivate"]) {
    await page.getByRole("button", { name }).click();
    await expect(page.getByRole("heading", { name: "Verify your identity" })).toBeVisible();
    await page.goto(userUrl);
  }
  // Nothing changed on the way.
  const row = await withDb((db) => db.user.findUniqueOrThrow({ where: { username: "una@acme.test" }, include: { sessions: { where: { revokedAt: null } } } }));
  expect(row.isActive).toBe(true);
  expect(row.lockedUntil).not.toBeNull();
  expect(row.sessions.length).toBeGreaterThan(0);
});

test("the pending-login cookie is gone once the login is a session", async ({ page }) => {
  const username = await newAdmin("cookie");
  await passwordStep(page, username);
  await page.waitForURL(/\/verify/);
  expect((await page.context().cookies()).map((c) => c.name)).toContain("mfa_pending");
  await logIn(page, username);
  expect((await page.context().cookies()).map((c) => c.name)).not.toContain("mfa_pending");
});

test("a cross-site export is refused and records nothing; pages carry a nonce CSP", async ({ page, baseURL }) => {
  await logIn(page, await newAdmin("export-csrf"));
  const exports = () => withDb((db) => db.verificationEvent.count({ where: { activity: "HISTORY_EXPORTED" } }));
  const before = await exports();
  const fromAnotherSite = await page.request.post("/setup/activity/export", { form: { status: "FAILED" }, headers: { Origin: "https://evil.test" } });
  expect(fromAnotherSite.status()).toBe(403);
  expect(await fromAnotherSite.text()).toContain("came from another site");
  expect((await page.request.get("/setup/activity/export")).status()).toBe(405);
  expect(await exports()).toBe(before);
  // The page's own form still works.
  const own = await page.request.post("/setup/activity/export", { form: { status: "FAILED" }, headers: { Origin: baseURL! } });
  expect(own.status()).toBe(200);
  expect(await exports()).toBe(before + 1);

  const response = await page.goto("/setup/users");
  const csp = response!.headers()["content-security-policy"]!;
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  expect(csp).toContain("object-src 'none'");
  expect(csp).toContain("base-uri 'none'");
  const again = (await page.goto("/setup/users"))!.headers()["content-security-policy"];
  expect(again).not.toBe(csp); // a fresh nonce per response
});
