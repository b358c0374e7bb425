// Finding one's way in the console (issue 12): the top navigation says where you are, "Skip to
// content" and the breadcrumb's "Setup" work, the lost-device screen ends with a way back, and a
// 403 names the permission this page needs with a way to a page one may open.
import { expect, test } from "@playwright/test";
import { createUser } from "./fixtures";
import { logIn, newAdmin, openUser } from "./console";

test("the top navigation marks the current page, Skip to content and the Setup breadcrumb work", async ({ page }) => {
  await createUser({ username: "nora@acme.test", name: "Nora Nav", profile: "Standard User", totp: true });
  await logIn(page, await newAdmin("nav"));
  await page.goto("/setup/users");
  const nav = page.getByRole("navigation", { name: "Setup" });
  await expect(nav.getByRole("link", { name: "Users" })).toHaveAttribute("aria-current", "page");
  await expect(nav.getByRole("link", { name: "Overview" })).not.toHaveAttribute("aria-current");

  // The first Tab reaches "Skip to content", which moves past the header.
  await page.keyboard.press("Tab");
  const skip = page.getByRole("link", { name: "Skip to content" });
  await expect(skip).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/#main-content$/);

  await openUser(page, "nora@acme.test");
  // Inside Users, the section is still marked (not as the page itself).
  await expect(nav.getByRole("link", { name: "Users" })).toHaveAttribute("aria-current", "true");
  await page.getByRole("link", { name: "Lost or stolen device" }).click();
  await expect(page.getByRole("heading", { name: "Lost or stolen device: Nora Nav" })).toBeVisible();
  await page.getByRole("link", { name: "Done — back to the user" }).click();
  await expect(page.getByRole("heading", { name: "Nora Nav" })).toBeVisible();

  await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Setup" }).click();
  await expect(page.getByRole("heading", { name: "Overview" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Overview" })).toHaveAttribute("aria-current", "page");
});

test("a 403 names the permission this page needs and offers a page the user may open", async ({ page, browser }) => {
  await createUser({ username: "della@acme.test", name: "Della Delegate", profile: "MFA Delegate", totp: true });
  await logIn(page, "della@acme.test");
  // She holds Manage MFA: Security needs Manage Users, and says only that.
  const response = await page.goto("/setup/security");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  await expect(page.getByText("This page needs the Manage Users permission. Ask your administrator if you need it.")).toBeVisible();
  await page.getByRole("link", { name: "Go to Setup > Users" }).click();
  await expect(page.getByRole("heading", { name: "Users", exact: true })).toBeVisible();

  await createUser({ username: "stan@acme.test", name: "Stan Standard", profile: "Standard User", totp: true });
  const stan = await (await browser.newContext()).newPage();
  await logIn(stan, "stan@acme.test");
  await stan.goto("/setup/users");
  await expect(
    stan.getByText("This page needs the Manage Users, Manage Multi-Factor Authentication in User Interface or View Identity Verification Activity permission."),
  ).toBeVisible();
  await stan.getByRole("link", { name: "Go to My security" }).click();
  await expect(stan.getByRole("heading", { name: "My security" })).toBeVisible();
});
