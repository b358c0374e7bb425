// L2, L6, B1 in the browser: a temporary code is asked alone even though TOTP is registered;
// a recovery code logs in once and is refused the second time. The users are made here: other
// specs log in as the demo users at the same time, and a temporary code changes how they log in.
import { expect, test } from "@playwright/test";
import { passwordStep } from "./console";
import { withDb } from "./db";
import { forOrg } from "@/lib/db/tenant";
import { generateTempCode } from "@/lib/mfa/temp-codes/generate-temp-code";
import { expireTempCode } from "@/lib/mfa/temp-codes/expire-temp-code";
import { replaceRecoveryCodes } from "@/lib/mfa/recovery-codes";
import { freshTotp } from "./totp";
import { createUser, DEMO_SECRET } from "./fixtures";

const ctx = { ip: "127.0.0.1", userAgent: "e2e setup" };

async function adminAction<T>(fn: (opts: { orgDb: ReturnType<typeof forOrg>; orgId: string; adminId: string }) => Promise<T>) {
  return withDb(async (db) => {
    const admin = await db.user.findUniqueOrThrow({ where: { username: "admin@acme.test" } });
    return fn({ orgDb: forOrg(db, admin.orgId), orgId: admin.orgId, adminId: admin.id });
  });
}

test("a temporary code is asked alone while active, and the authenticator app returns after Expire Now", async ({ page }) => {
  const abby = "abby.tempcode@acme.test";
  const abbyId = await createUser({ username: abby, name: "Abby Tempcode", profile: "Standard User", totp: true });
  const generated = await adminAction(({ orgDb, orgId, adminId }) =>
    generateTempCode({ orgDb, orgId, actor: { id: adminId }, targetUserId: abbyId, expiresInHours: 1, maxUses: null, reason: "Lost phone", context: ctx }),
  );
  if (!generated.ok || generated.pendingApproval) throw new Error(generated.ok ? "pending approval" : generated.code);

  await passwordStep(page, abby);
  await expect(page.getByRole("heading", { name: "Enter your temporary verification code" })).toBeVisible();
  // Asked alone: no way to the authenticator app or a recovery code from here.
  await expect(page.getByRole("link", { name: /recovery code|authenticator/i })).toHaveCount(0);
  await page.getByLabel("Temporary Verification Code").fill(`${generated.code.slice(0, 4)} ${generated.code.slice(4)}`);
  await page.getByRole("button", { name: "Verify" }).click();
  // Signed in: a Standard User starts on My security.
  await expect(page.getByRole("heading", { name: "My security" })).toBeVisible();

  await adminAction(({ orgDb, orgId, adminId }) => expireTempCode({ orgDb, orgId, actor: { id: adminId }, targetUserId: abbyId, context: ctx }));
  await page.context().clearCookies();
  await passwordStep(page, abby);
  await expect(page.getByRole("heading", { name: "Verify your identity" })).toBeVisible();
  await page.getByLabel("Verification code").fill(await freshTotp(abby, DEMO_SECRET));
  await page.getByRole("button", { name: "Verify" }).click();
  // Signed in: a Standard User starts on My security.
  await expect(page.getByRole("heading", { name: "My security" })).toBeVisible();
});

test("a temporary code expired after the password step says so and links to Log in again", async ({ page }) => {
  const userId = await createUser({ username: "eve.expired@acme.test", name: "Eve Expired", profile: "Standard User", totp: true });
  const generated = await adminAction(({ orgDb, orgId, adminId }) =>
    generateTempCode({ orgDb, orgId, actor: { id: adminId }, targetUserId: userId, expiresInHours: 1, maxUses: null, reason: "Lost phone", context: ctx }),
  );
  if (!generated.ok || generated.pendingApproval) throw new Error(generated.ok ? "pending approval" : generated.code);
  await passwordStep(page, "eve.expired@acme.test");
  await expect(page.getByRole("heading", { name: "Enter your temporary verification code" })).toBeVisible();
  await adminAction(({ orgDb, orgId, adminId }) => expireTempCode({ orgDb, orgId, actor: { id: adminId }, targetUserId: userId, context: ctx }));
  await page.getByLabel("Temporary Verification Code").fill(generated.code);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "That temporary code has expired. Log in again to use your usual method." })).toBeVisible();
  await page.getByRole("link", { name: "Log in again" }).click();
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("button", { name: "Log In" })).toBeVisible();
});

test("a recovery code logs in once and is refused the second time", async ({ page }) => {
  const codes = await withDb(async (db) => {
    const gus = await db.user.findUniqueOrThrow({ where: { username: "admin@globex.test" } });
    return db.$transaction((tx) => replaceRecoveryCodes(tx, { orgId: gus.orgId, userId: gus.id }));
  });
  await passwordStep(page, "admin@globex.test");
  await page.getByRole("link", { name: "Use a recovery code" }).click();
  await expect(page.getByRole("heading", { name: "Use a recovery code" })).toBeVisible();
  await page.getByLabel("Recovery code").fill(codes[3]!);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();

  await page.context().clearCookies();
  await passwordStep(page, "admin@globex.test");
  await page.getByRole("link", { name: "Use a recovery code" }).click();
  await page.getByLabel("Recovery code").fill(codes[3]!);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByText("That code isn't valid")).toBeVisible();
});
