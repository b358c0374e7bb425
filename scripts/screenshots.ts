// `npm run screenshots`: walks the running console (default http://localhost:3000, demo data)
// in Chromium and saves a PNG of each page to screenshots/, for a look at what people see.
import { chromium, type Page } from "@playwright/test";
import { execFileSync } from "node:child_process";
import fs from "node:fs";

const base = process.env.SCREENSHOT_BASE_URL ?? "http://localhost:3000";
const out = "screenshots";
fs.mkdirSync(out, { recursive: true });

const totp = (offsetSteps = 0) =>
  execFileSync(
    "oathtool",
    [
      "--totp",
      "-b",
      "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
      "--now",
      new Date(Date.now() + offsetSteps * 30_000).toISOString().replace("T", " ").slice(0, 19) + " UTC",
    ],
    { encoding: "utf8" },
  ).trim();

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
});
const shot = (page: Page, name: string) => page.screenshot({ path: `${out}/${name}.png`, fullPage: true });

async function login(page: Page, username: string, offset: number) {
  await page.goto(`${base}/login`);
  await page.getByLabel("Username").fill(username);
  await page.getByLabel("Password").fill("demo-password-1");
  await page.getByRole("button", { name: "Log In" }).click();
  await page.getByLabel("Verification code").waitFor();
  await page.getByLabel("Verification code").fill(totp(offset));
  await page.getByRole("button", { name: "Verify" }).click();
  await page.waitForURL(/setup\/users/);
}

const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.goto(`${base}/login`);
await shot(page, "01-login");
await page.getByRole("button", { name: "Log In" }).click();
await shot(page, "02-login-empty");
await page.getByLabel("Username").fill("admin@acme.test");
await page.getByLabel("Password").fill("wrong-password");
await page.getByRole("button", { name: "Log In" }).click();
await page.getByRole("main").getByRole("alert").waitFor();
await shot(page, "03-login-wrong");
await page.getByLabel("Password").fill("demo-password-1");
await page.getByRole("button", { name: "Log In" }).click();
await page.getByLabel("Verification code").waitFor();
await shot(page, "04-totp");
await page.getByLabel("Verification code").fill("123");
await page.getByRole("button", { name: "Verify" }).click();
await page
  .getByText(/6-digit/)
  .last()
  .waitFor();
await shot(page, "05-totp-error");
await page.getByLabel("Verification code").fill(totp(0));
await page.getByRole("button", { name: "Verify" }).click();
await page.waitForURL(/setup\/users/);
await shot(page, "06-users");

// W1–W3: a new user's activation link, the activation page, Reset password, Change password.
const stamp = Date.now().toString(36);
await page.goto(`${base}/setup/users/new`);
await page.getByLabel("Name", { exact: true }).fill("Carol Screenshot");
await page.getByLabel("Username").fill(`carol-${stamp}@acme.test`);
await page.getByRole("button", { name: "Create user" }).click();
await page.getByLabel("Activation link").waitFor();
await shot(page, "09-new-user-activation-link");
const link = (await page.getByLabel("Activation link").textContent())!.trim();
const visitor = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await visitor.goto(link);
await visitor.getByLabel("New password", { exact: true }).fill("harbor quiet maple");
await visitor.getByRole("meter", { name: "Password strength" }).waitFor();
await shot(visitor, "10-activate");
await visitor.getByLabel("New password", { exact: true }).fill("password1234");
await visitor.getByLabel("Confirm new password").fill("password1234");
await visitor.getByRole("button", { name: "Set password" }).click();
await visitor.getByText("That password can't be used:").waitFor();
await shot(visitor, "11-activate-refused");
await visitor.goto(`${base}/activate/${"A".repeat(43)}`);
await shot(visitor, "12-activate-invalid-link");
await visitor.goto(`${base}/login/forgot`);
await shot(visitor, "13-forgot-password");
await page.getByRole("link", { name: "Done" }).click();
await page.waitForURL(/setup\/users\/[0-9a-f-]{36}$/);
await shot(page, "14-user-awaiting-activation");
await page.getByRole("button", { name: "Reset password" }).click();
await page.getByRole("dialog").getByLabel("Reason").fill("Forgot password, called back");
await shot(page, "15-reset-password-dialog");
await page.getByRole("dialog").getByRole("button", { name: "Reset password" }).click();
await page.getByRole("dialog").getByLabel("Activation link").waitFor();
await shot(page, "16-reset-password-link");
await page.getByRole("dialog").getByRole("button", { name: "Done" }).click();
await page.goto(`${base}/account/security`);
await shot(page, "17-my-security");
await page.goto(`${base}/account/security/change-password`);
await page.getByLabel("New password", { exact: true }).fill("copper window autumn river");
await shot(page, "18-change-password");
await page.goto(`${base}/setup/security`);
await shot(page, "19-security-settings");
await page.goto(`${base}/setup/users`);

const other = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await login(other, "alice@acme.test", 1).catch(() => undefined);
await shot(other, "07-forbidden");
await page.getByRole("button", { name: "Log out" }).click();
await page.waitForURL(/login/);
await shot(page, "08-after-logout");
await browser.close();
console.log(`saved to ${out}/`);
