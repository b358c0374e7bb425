// L3, L5 in a real browser: Chrome's virtual authenticator (over CDP) registers a security key
// and a passkey at first login, and each then completes a login. The server sees genuine
// WebAuthn ceremonies: real key pairs, attestation "none", real signature counters.
import { expect, test, type CDPSession, type Page } from "@playwright/test";
import { passwordStep } from "./console";
import { withDb } from "./db";

async function virtualAuthenticator(page: Page, kind: { transport: "usb" | "internal"; hasResidentKey: boolean }) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", ...kind, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return { cdp, authenticatorId };
}

async function registerKeyAtFirstLogin(page: Page, username: string, keyName: string) {
  await passwordStep(page, username);
  await expect(page.getByRole("heading", { name: "Set up multi-factor authentication" })).toBeVisible();
  await page.getByRole("link", { name: /Security key or passkey/ }).click();
  await expect(page.getByRole("heading", { name: "Set up a security key or passkey" })).toBeVisible();
  const name = page.getByLabel("Name this key");
  await expect(name).toHaveValue("Security key");
  await name.fill(keyName);
  await page.getByRole("button", { name: "Register security key" }).click();
  // B1: the first recovery codes, shown once, before the session starts.
  await expect(page.getByRole("heading", { name: "Save your recovery codes" })).toBeVisible();
  await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  await page.getByLabel("I have saved these codes").check();
  await page.getByRole("button", { name: "Continue" }).click();
}

/** A Standard User: the login is finished (no longer on /verify), and Setup answers 403, not a redirect to log in. */
async function expectSignedInWithoutConsoleAccess(page: Page) {
  await page.waitForURL((url) => !url.pathname.startsWith("/verify") && !url.pathname.startsWith("/login"));
  expect((await page.request.get("/setup/users", { maxRedirects: 0 })).status()).toBe(403);
}

const storedKeys = (username: string) => withDb((db) => db.webAuthnCredential.findMany({ where: { user: { username } }, orderBy: { createdAt: "asc" } }));

/** Makes the next navigator.credentials.get() fail the way a cancelled or timed-out prompt does. */
async function cancelNextPrompt(page: Page) {
  await page.evaluate(() => {
    const real = navigator.credentials.get.bind(navigator.credentials);
    navigator.credentials.get = async () => {
      navigator.credentials.get = real;
      throw new DOMException("The operation either timed out or was not allowed.", "NotAllowedError");
    };
  });
}

async function setBogusSignature(cdp: CDPSession, authenticatorId: string, isBogusSignature: boolean) {
  await cdp.send("WebAuthn.setResponseOverrideBits", { authenticatorId, isBogusSignature });
}

test("support registers a security key at first login, then logs in with password and the key", async ({ page }) => {
  const { cdp, authenticatorId } = await virtualAuthenticator(page, { transport: "usb", hasResidentKey: false });

  await passwordStep(page, "support@acme.test");
  await page.getByRole("link", { name: /Security key or passkey/ }).click();
  // A nameless key is refused before the browser asks for the key.
  await page.getByLabel("Name this key").fill("   ");
  await page.getByRole("button", { name: "Register security key" }).click();
  await expect(page.getByText("Give this key a name.")).toBeVisible();
  expect(await storedKeys("support@acme.test")).toHaveLength(0);

  await registerKeyAtFirstLogin(page, "support@acme.test", "YubiKey 5C NFC");
  // Support staff (View Identity Verification Activity) land on Setup > Users.
  await expect(page).toHaveURL(/\/setup\/users$/);
  // Other specs add users before this one runs: find the row by searching, as an admin would.
  await page.goto("/setup/users?q=support%40acme.test");
  await expect(page.getByRole("table", { name: "Users in your org" }).getByRole("row").filter({ hasText: "support@acme.test" })).toContainText("Security key");
  const [registered] = await storedKeys("support@acme.test");
  expect(registered).toMatchObject({ name: "YubiKey 5C NFC", transports: ["usb"] });

  await page.getByRole("button", { name: "Log out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await passwordStep(page, "support@acme.test");
  await expect(page.getByRole("heading", { name: "Verify your identity" })).toBeVisible();
  // Support has no authenticator app, so only the recovery code is offered besides the key.
  await expect(page.getByRole("link", { name: "Use authenticator app instead" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Use a recovery code" })).toHaveAttribute("href", "/verify/recovery-code");
  const useKey = page.getByRole("button", { name: "Use security key or passkey" });

  // A cancelled or timed-out prompt: a clear message, and the button still works.
  await cancelNextPrompt(page);
  await useKey.click();
  const alert = page.getByRole("main").getByRole("alert");
  await expect(alert).toHaveText("The security key didn't respond. Try again.");
  await expect(useKey).toBeEnabled();
  // A response the server cannot verify is refused (and counted, L8).
  await setBogusSignature(cdp, authenticatorId, true);
  await useKey.click();
  await expect(alert).toContainText("Your security key's response couldn't be verified.");
  await setBogusSignature(cdp, authenticatorId, false);

  await useKey.click();
  await expect(page).toHaveURL(/\/setup\/users$/);
  await expect(page.getByRole("heading", { name: "Users" })).toBeVisible();
  // The signature counter the key reported was stored and moved forward.
  const [used] = await storedKeys("support@acme.test");
  expect(used!.signCount).toBeGreaterThan(registered!.signCount);
  expect(used!.lastUsedAt).not.toBeNull();
});

test("a new user registers a passkey on this device at first login and logs in with it", async ({ page }) => {
  // A user of our own: the demo users belong to the other specs.
  const username = `pat.passkey.${Date.now()}@acme.test`;
  await withDb(async (db) => {
    const bob = await db.user.findUniqueOrThrow({ where: { username: "bob@acme.test" } });
    const profile = await db.profile.findFirstOrThrow({ where: { orgId: bob.orgId, name: "Standard User" } });
    await db.user.create({ data: { orgId: bob.orgId, username, name: "Pat Passkey", passwordHash: bob.passwordHash, profileId: profile.id } });
  });
  const { cdp, authenticatorId } = await virtualAuthenticator(page, { transport: "internal", hasResidentKey: true });

  await registerKeyAtFirstLogin(page, username, "This laptop");
  await expectSignedInWithoutConsoleAccess(page);
  // A passkey: discoverable, kept on the device, naming the account by its user handle.
  const { credentials } = await cdp.send("WebAuthn.getCredentials", { authenticatorId });
  expect(credentials).toHaveLength(1);
  expect(credentials[0]).toMatchObject({ isResidentCredential: true, rpId: "localhost" });
  const [passkey] = await storedKeys(username);
  expect(passkey).toMatchObject({ name: "This laptop", transports: ["internal"] });
  expect(Buffer.from(credentials[0]!.credentialId, "base64").toString("base64url")).toBe(passkey!.credentialId);

  // Another visit (log out itself is covered above); the passkey stays on the device.
  await page.context().clearCookies();
  await passwordStep(page, username);
  await expect(page.getByRole("heading", { name: "Verify your identity" })).toBeVisible();
  await page.getByRole("button", { name: "Use security key or passkey" }).click();
  await expectSignedInWithoutConsoleAccess(page);
  const events = await withDb((db) =>
    db.verificationEvent.findMany({ where: { username, method: "WEBAUTHN" }, orderBy: { id: "asc" }, select: { activity: true, status: true } }),
  );
  // The first login ended with the registration, the second with the passkey: two logins (V1).
  expect(events).toEqual([
    { activity: "METHOD_REGISTERED", status: "SUCCEEDED" },
    { activity: "LOGIN", status: "SUCCEEDED" },
    { activity: "LOGIN", status: "SUCCEEDED" },
  ]);
});
