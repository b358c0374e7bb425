// Issue 12 in the browser: an admin changes a Security setting and reads it as a sentence in the
// history and on the event page, with the raw JSON behind "Show raw JSON"; and revokes one of a
// user's two sessions from the user's page while the other stays. Everyone lives in an org made
// here, so the setting change touches no other spec's org.
import { expect, test } from "@playwright/test";
import { withDb } from "./db";
import { logIn, toasts } from "./console";
import { DEMO_SECRET } from "./fixtures";
import { createOrg } from "@/lib/orgs/create-org";
import { encryptTotpSecret } from "@/lib/mfa/totp-secret";
import { randomToken, sha256Hex } from "@/lib/security/tokens";

const ADMIN = "admin@readable.test";
const RITA = "rita@readable.test";
const CHROME_MAC = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const FIREFOX_WIN = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

test.beforeAll(async () => {
  await withDb(async (db) => {
    if (await db.user.findUnique({ where: { username: ADMIN } })) return;
    const template = await db.user.findUniqueOrThrow({ where: { username: "alice@acme.test" } });
    await db.$transaction(async (tx) => {
      const { org, profileIds } = await createOrg(tx, { name: "Readable Co", slug: "readable-e2e" });
      const admin = await tx.user.create({
        data: { orgId: org.id, username: ADMIN, name: "Rhea Admin", passwordHash: template.passwordHash, profileId: profileIds["System Administrator"]! },
      });
      await tx.totpFactor.create({
        data: {
          orgId: org.id,
          userId: admin.id,
          name: "Authenticator app",
          secretCiphertext: encryptTotpSecret(DEMO_SECRET, admin.id),
          verifiedAt: new Date(),
        },
      });
      await tx.user.create({
        data: { orgId: org.id, username: RITA, name: "Rita Reyes", passwordHash: template.passwordHash, profileId: profileIds["Standard User"]! },
      });
    });
  });
});

// A login spends a TOTP step; freshTotp may wait for the next one.
test.describe.configure({ timeout: 120_000 });

test("a Security setting change reads as a sentence in the history and on its event page, the JSON one click away", async ({ page }) => {
  await logIn(page, ADMIN);
  await page.goto("/setup/security");
  await page.getByLabel("Longest temporary code expiry (hours)").fill("12");
  await page.getByRole("button", { name: "Save" }).click();
  await expect(toasts(page)).toContainText("Security settings saved.");

  await page.goto("/setup/activity?activity=SETTINGS_CHANGED");
  const table = page.getByRole("table", { name: "Verification events, newest first" });
  const row = table.getByRole("row").filter({ hasText: "Security settings changed" }).first();
  await expect(row).toContainText("Longest temporary code expiry: 24 h → 12 h");
  await expect(row).not.toContainText("tempCodeMaxHours");
  await expect(row).not.toContainText("{");

  await row.getByRole("link", { name: /View event/ }).click();
  await expect(page.getByRole("heading", { name: "Security settings changed", level: 1 })).toBeVisible();
  const detail = page.getByRole("region", { name: "Detail" });
  await expect(detail.getByRole("term")).toHaveText(["Longest temporary code expiry"]);
  await expect(detail.getByRole("definition")).toHaveText(["24 h → 12 h"]);
  const raw = page.getByLabel("Event detail (JSON)");
  await expect(raw).toBeHidden();
  await page.getByText("Show raw JSON").click();
  await expect(raw).toBeVisible();
  expect(JSON.parse((await raw.textContent())!)).toEqual({ tempCodeMaxHours: { from: 24, to: 12 } });
});

test("an admin revokes one of a user's two sessions; the other stays signed in", async ({ page }) => {
  const [laptop, desktop] = await withDb(async (db) => {
    const rita = await db.user.findUniqueOrThrow({ where: { username: RITA } });
    const now = Date.now();
    const open = (userAgent: string, ip: string, loginMethod: "TOTP" | "WEBAUTHN", ageMs: number) =>
      db.session.create({
        data: {
          orgId: rita.orgId,
          userId: rita.id,
          tokenHash: sha256Hex(randomToken()),
          level: "STANDARD",
          loginMethod,
          ip,
          userAgent,
          expiresAt: new Date(now + 12 * 3_600_000),
          createdAt: new Date(now - ageMs),
          lastSeenAt: new Date(now - ageMs),
        },
      });
    return [await open(CHROME_MAC, "198.51.100.20", "TOTP", 60_000), await open(FIREFOX_WIN, "198.51.100.21", "WEBAUTHN", 30_000)];
  });
  await logIn(page, ADMIN);
  await page.goto("/setup/users");
  await page.getByRole("table", { name: "Users in your org" }).getByRole("link", { name: "Rita Reyes" }).click();
  const sessions = page.getByRole("table", { name: "Rita Reyes's active sessions" });
  await expect(sessions.getByRole("row")).toHaveCount(3); // the header and two sessions
  await expect(sessions.getByRole("row", { name: /Chrome 131 on macOS/ })).toContainText("Password + authenticator app");
  await expect(sessions.getByRole("row", { name: /Firefox 133 on Windows/ })).toContainText("Password + security key / passkey");

  await sessions.getByRole("button", { name: "Revoke session: Firefox 133 on Windows, 198.51.100.21" }).click();
  const dialog = page.getByRole("dialog", { name: "Revoke this session?" });
  await expect(dialog).toContainText("Their other sessions stay signed in.");
  await dialog.getByRole("button", { name: "Revoke session" }).click();
  await expect(toasts(page)).toContainText("Session revoked: Rita Reyes is logged out of Firefox 133 on Windows.");
  await expect(sessions.getByRole("row")).toHaveCount(2);
  await expect(sessions).toContainText("Chrome 131 on macOS");
  await expect(sessions).not.toContainText("Firefox");

  const rows = await withDb((db) => db.session.findMany({ where: { id: { in: [laptop.id, desktop.id] } } }));
  expect(rows.find((s) => s.id === desktop.id)?.revokedAt).not.toBeNull();
  expect(rows.find((s) => s.id === laptop.id)?.revokedAt).toBeNull();
  // The revocation is in the user's activity, by this admin.
  await expect(page.getByRole("table", { name: "Rita Reyes's recent verification activity, newest first" }).getByRole("row").nth(1)).toContainText(
    "Session revoked",
  );
});
