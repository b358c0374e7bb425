// SPEC L10, B7 with Chrome's virtual authenticator (CDP): a user whose only method is a security
// key verifies their identity with it from "My security" (to regenerate recovery codes, and to add
// a key), adds a second key — the first one is refused as already registered — and then renames
// and removes keys. The user lives in an org of its own, made here, so no other spec is touched.
import { expect, test, type CDPSession, type Page } from "@playwright/test";
import { withDb } from "./db";
import { toasts } from "./console";
import { createOrg } from "@/lib/orgs/create-org";

const USERNAME = "kim@umbrella.test";
const PASSWORD = "demo-password-1";

test.beforeAll(async () => {
  await withDb(async (db) => {
    if (await db.user.findUnique({ where: { username: USERNAME } })) return;
    const template = await db.user.findUniqueOrThrow({ where: { username: "alice@acme.test" } });
    await db.$transaction(async (tx) => {
      const { org, profileIds } = await createOrg(tx, { name: "Umbrella", slug: "umbrella" });
      await tx.user.create({
        data: { orgId: org.id, username: USERNAME, name: "Kim Keyholder", passwordHash: template.passwordHash, profileId: profileIds["Standard User"]! },
      });
    });
  });
});

async function addAuthenticator(cdp: CDPSession) {
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: { protocol: "ctap2", transport: "usb", hasResidentKey: false, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  });
  return authenticatorId;
}

/** The High Assurance window of this login runs out (as if an hour had passed). */
async function expireHighAssurance(page: Page) {
  await withDb((db) =>
    db.session.updateMany({ where: { user: { username: USERNAME }, revokedAt: null }, data: { highAssuranceUntil: new Date(Date.now() - 1000) } }),
  );
  await page.reload();
  await expect(page.getByText("Standard session")).toBeVisible();
}

async function verifyWithKey(page: Page) {
  await expect(page).toHaveURL(/\/verify\/step-up\?next=/);
  await expect(page.getByRole("heading", { name: "Verify your identity" })).toBeVisible();
  // The key is offered first; the other methods the user has are a link away.
  await expect(page.getByRole("link", { name: "Use a recovery code" })).toBeVisible();
  await page.getByRole("button", { name: "Use security key or passkey" }).click();
}

const events = (activity: string) =>
  withDb((db) =>
    db.verificationEvent.findMany({
      where: { username: USERNAME, activity: activity as never },
      orderBy: { id: "asc" },
      select: { method: true, status: true, reason: true },
    }),
  );
const keys = () => withDb((db) => db.webAuthnCredential.findMany({ where: { user: { username: USERNAME } }, orderBy: { createdAt: "asc" } }));

test("a user whose only method is a security key steps up with it, adds a second key, renames and removes keys", async ({ page }) => {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const first = await addAuthenticator(cdp);

  // First login: MFA is required and nothing is registered, so a key is registered now (L3).
  await page.goto("/login");
  await page.getByLabel("Username").fill(USERNAME);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log In" }).click();
  await page.getByRole("link", { name: /Security key or passkey/ }).click();
  await page.getByLabel("Name this key").fill("Office key");
  await page.getByRole("button", { name: "Register security key" }).click();
  await page.getByLabel("I have saved these codes").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page).toHaveURL(/\/account\/security$/);
  const methods = page.getByRole("table", { name: "Your verification methods" });
  await expect(methods.getByRole("row", { name: /Office key/ })).toContainText("Security key / passkey");
  const [registered] = await keys();

  // Regenerating recovery codes from a Standard session: verify with the key, come back, confirm.
  await expireHighAssurance(page);
  await page.getByRole("button", { name: "Regenerate recovery codes" }).click();
  await verifyWithKey(page);
  await expect(page).toHaveURL(/\/account\/security/);
  await expect(page.getByText(/High assurance until \d\d:\d\d/)).toBeVisible();
  const regenerate = page.getByRole("dialog", { name: "Regenerate recovery codes?" });
  await regenerate.getByRole("button", { name: "Regenerate codes" }).click();
  await expect(page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem")).toHaveCount(10);
  await page.getByLabel("I have saved these codes").check();
  await page.getByRole("button", { name: "Done" }).click();
  const [used] = await keys();
  expect(used!.signCount).toBeGreaterThan(registered!.signCount);
  expect(used!.lastUsedAt).not.toBeNull();

  // Adding a key from a Standard session asks for a verification first, then opens the page.
  await expireHighAssurance(page);
  await page.getByRole("link", { name: "Add security key or passkey" }).click();
  await verifyWithKey(page);
  await expect(page).toHaveURL(/\/account\/security\/add-key$/);
  await expect(page.getByRole("heading", { name: "Add a security key or passkey" })).toBeVisible();
  const name = page.getByLabel("Name this key");
  await expect(name).toHaveValue("Security key 2");
  // The key already registered is excluded: the browser refuses it, and nothing is stored.
  await name.fill("Office key again");
  await page.getByRole("button", { name: "Register security key" }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText("This security key is already registered to your account. Use another key.");
  expect(await keys()).toHaveLength(1);
  // A nameless key is refused before the browser is asked.
  await name.fill("  ");
  await page.getByRole("button", { name: "Register security key" }).click();
  await expect(page.getByText("Give this key a name.")).toBeVisible();

  // Another key: the office key stays behind, a new one is plugged in.
  await cdp.send("WebAuthn.removeVirtualAuthenticator", { authenticatorId: first });
  await addAuthenticator(cdp);
  await name.fill("Backup key");
  await page.getByRole("button", { name: "Register security key" }).click();
  await expect(toasts(page)).toContainText("Your security key or passkey was added.");
  // Said once, as a toast that fades: the address forgets it, so nothing stale stays for later actions.
  await expect(page).toHaveURL(/\/account\/security$/);
  await expect(methods.getByRole("row", { name: /Backup key/ })).toContainText("Security key / passkey");
  await expect(methods.getByRole("row", { name: /Office key/ })).toBeVisible();

  // Rename the new key; remove the old one (the session is still High Assurance).
  await methods.getByRole("button", { name: "Rename Backup key" }).click();
  await methods.getByLabel("New name for Backup key").fill("Travel key");
  await methods.getByRole("button", { name: "Save" }).click();
  await expect(methods.getByRole("row", { name: /Travel key/ })).toBeVisible();
  await expect(page.getByRole("main").getByText("Your security key or passkey was added.")).toHaveCount(0);
  await methods.getByRole("button", { name: "Remove Office key" }).click();
  await page.getByRole("dialog", { name: "Remove Office key?" }).getByRole("button", { name: "Remove" }).click();
  await expect(toasts(page)).toContainText("The verification method was removed.");
  await expect(methods.getByRole("row", { name: /Office key/ })).toHaveCount(0);

  // The new key verifies the next step-up on its own.
  await expireHighAssurance(page);
  await page.getByRole("button", { name: "Regenerate recovery codes" }).click();
  await verifyWithKey(page);
  await expect(page.getByRole("dialog", { name: "Regenerate recovery codes?" })).toBeVisible();

  expect((await keys()).map((k) => k.name)).toEqual(["Travel key"]);
  expect(await events("STEP_UP")).toEqual([
    { method: "WEBAUTHN", status: "SUCCEEDED", reason: null },
    { method: "WEBAUTHN", status: "SUCCEEDED", reason: null },
    { method: "WEBAUTHN", status: "SUCCEEDED", reason: null },
  ]);
  expect(await events("METHOD_REGISTERED")).toEqual([
    { method: "WEBAUTHN", status: "SUCCEEDED", reason: null },
    { method: "WEBAUTHN", status: "SUCCEEDED", reason: null },
  ]);
});
