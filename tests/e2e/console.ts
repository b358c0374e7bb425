// Shared steps of the console specs: log in as a person would (password, then a fresh TOTP code),
// open a user's page from the Users list, and make an administrator of one's own for a test.
import { expect, type Browser, type Page } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { createUser, DEMO_SECRET } from "./fixtures";
import { withDb } from "./db";
import { freshTotp } from "./totp";
import { randomToken, sha256Hex } from "@/lib/security/tokens";

export const PASSWORD = "demo-password-1";

export async function passwordStep(page: Page, username: string) {
  await page.goto("/login");
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log In" }).click();
}

/** A whole login through the form, as a user with the demo authenticator app secret does it. */
export async function logIn(page: Page, username: string) {
  await passwordStep(page, username);
  await expect(page.getByRole("heading", { name: "Verify your identity" })).toBeVisible();
  await page.getByLabel("Verification code").fill(await freshTotp(username, DEMO_SECRET));
  await page.getByRole("button", { name: "Verify" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/verify") && !url.pathname.startsWith("/login"));
}

export async function openUser(page: Page, username: string) {
  await page.goto(`/setup/users?q=${encodeURIComponent(username)}`);
  // Row 0 is the header, whose column names are sort links.
  await page.getByRole("table", { name: "Users in your org" }).getByRole("row").nth(1).getByRole("link").first().click();
  await expect(page).toHaveURL(/\/setup\/users\/[0-9a-f-]{36}$/);
  await expect(page.getByText(username, { exact: true })).toBeVisible();
}

/**
 * A user of Acme for one test with an authenticator app: each TOTP time step is accepted once per
 * user, so sharing admin@acme.test between tests would make every login wait for a fresh code.
 */
export async function newAdmin(tag: string, profile: "System Administrator" | "MFA Delegate" = "System Administrator"): Promise<string> {
  const username = `admin-${tag}@acme.test`;
  await createUser({ username, name: `Admin ${tag}`, profile, totp: true });
  return username;
}

/**
 * A browser already signed in as `username`, as a finished TOTP login leaves it: the session row
 * and its cookie, made directly. For tests about what a signed-in user does next — each login
 * through the form spends one of the user's TOTP steps, and a third within a minute waits for one.
 * Standard unless `highAssurance` (then for the org's usual hour).
 */
export async function signedIn(browser: Browser, username: string, opts: { userAgent?: string; highAssurance?: boolean } = {}): Promise<Page> {
  const sid = randomToken();
  await withDb(async (db) => {
    const user = await db.user.findUniqueOrThrow({ where: { username } });
    const now = new Date();
    await db.session.create({
      data: {
        orgId: user.orgId,
        userId: user.id,
        tokenHash: sha256Hex(sid),
        level: opts.highAssurance ? "HIGH_ASSURANCE" : "STANDARD",
        highAssuranceUntil: opts.highAssurance ? new Date(now.getTime() + 3_600_000) : null,
        loginMethod: "TOTP",
        ip: "127.0.0.1",
        userAgent: opts.userAgent ?? "e2e: another browser",
        expiresAt: new Date(now.getTime() + 12 * 3_600_000),
        createdAt: now,
        lastSeenAt: now,
      },
    });
  });
  const context = await browser.newContext(opts.userAgent ? { userAgent: opts.userAgent } : {});
  const url = process.env.E2E_BASE_URL ?? "http://localhost:3100";
  await context.addCookies([{ name: "next-auth.session-token", value: await encode({ token: { sid }, secret: process.env.NEXTAUTH_SECRET! }), url }]);
  return context.newPage();
}

/** The toasts that say an action worked: sonner's list, an aria-live region. */
export function toasts(page: Page) {
  return page.getByRole("region", { name: /^Notifications/ });
}

export async function newPage(browser: Browser) {
  return (await browser.newContext()).newPage();
}
