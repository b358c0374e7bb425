// Setup > Users sorting, count and search highlight as an administrator uses them (issue 12):
// click a column header (and press Enter on one) and see the order and aria-sort follow, the
// never-logged-in user stay last, the result count, the search's matches in <mark>, and hostile
// names and searches stay text.
import { expect, test } from "@playwright/test";
import { logIn, newAdmin } from "./console";
import { createUser } from "./fixtures";
import { withDb } from "./db";

const DAY_MS = 86_400_000;
const stamp = Date.now().toString(36);
// In the names of the users to sort only: the admins' names must not match the search.
const tag = `srt${stamp}`;

async function setTimes(username: string, lastLoginDaysAgo: number | null, createdDaysAgo: number) {
  await withDb((db) =>
    db.user.update({
      where: { username },
      data: {
        lastLoginAt: lastLoginDaysAgo === null ? null : new Date(Date.now() - lastLoginDaysAgo * DAY_MS),
        createdAt: new Date(Date.now() - createdDaysAgo * DAY_MS),
      },
    }),
  );
}

test("an admin sorts the users list by its headers, sees the count and the marked search", async ({ page }, testInfo) => {
  const admin = await newAdmin(`sorting-${stamp}`);
  // Name order: Alpha, Beta, Gamma. Last login: Gamma newest, Alpha, Beta never. Created: Alpha newest.
  for (const [who, lastLogin, created] of [
    ["Alpha", 3, 1],
    ["Beta", null, 2],
    ["Gamma", 1, 3],
  ] as const) {
    const username = `${tag}.${who.toLowerCase()}@acme.test`;
    await createUser({ username, name: `Sortee ${who} ${tag}`, profile: "Standard User" });
    await setTimes(username, lastLogin, created);
  }
  await logIn(page, admin);

  await page.getByLabel("Search by name or username").fill(tag.toUpperCase());
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("status").filter({ hasText: "users match" })).toHaveText("3 users match");
  const table = page.getByRole("table", { name: "Users in your org" });
  const rows = table.getByRole("row").filter({ hasText: "Sortee" });
  const header = (name: string) => table.getByRole("columnheader", { name: new RegExp(`^${name}`) });
  const sortLink = (name: string) => header(name).getByRole("link");

  await expect(rows).toHaveText([/Sortee Alpha/, /Sortee Beta/, /Sortee Gamma/]);
  await expect(header("Name")).toHaveAttribute("aria-sort", "ascending");
  await expect(header("Last login")).not.toHaveAttribute("aria-sort");
  // The search is marked in the name and the username, in the text's own case.
  const alpha = rows.filter({ hasText: "Sortee Alpha" });
  await expect(alpha.locator("mark")).toHaveText([tag, tag]);
  await expect(alpha.getByRole("cell", { name: `${tag}.alpha@acme.test` })).toBeVisible();

  await sortLink("Last login").click();
  await expect(page).toHaveURL(/sort=last-login&dir=desc/);
  await expect(rows).toHaveText([/Sortee Gamma/, /Sortee Alpha/, /Sortee Beta.*Never/]);
  await expect(header("Last login")).toHaveAttribute("aria-sort", "descending");
  await expect(header("Name")).not.toHaveAttribute("aria-sort");
  await expect(page.getByRole("status").filter({ hasText: "users match" })).toHaveText("3 users match");

  // Again: ascending, and the user who never logged in is still last.
  await sortLink("Last login").click();
  await expect(page).toHaveURL(/sort=last-login&dir=asc/);
  await expect(rows).toHaveText([/Sortee Alpha/, /Sortee Gamma/, /Sortee Beta/]);
  await expect(header("Last login")).toHaveAttribute("aria-sort", "ascending");

  // By keyboard: focus the Created header and press Enter (newest first on the first press).
  await sortLink("Created").focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/sort=created&dir=desc/);
  await expect(rows).toHaveText([/Sortee Alpha/, /Sortee Beta/, /Sortee Gamma/]);
  await expect(header("Created")).toHaveAttribute("aria-sort", "descending");

  // A new search keeps the order.
  await page.getByLabel("Search by name or username").fill(`gamma ${tag}`);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/sort=created&dir=desc/);
  await expect(rows).toHaveText([/Sortee Gamma/]);
  await expect(page.getByRole("status").filter({ hasText: "match" })).toHaveText("1 user match");
  await expect(header("Created")).toHaveAttribute("aria-sort", "descending");

  await page.goto(`/setup/users?q=${tag}&sort=username&dir=asc`);
  for (const [width, height] of [
    [1440, 900],
    [1024, 768],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: testInfo.outputPath(`users-sort-${width}x${height}.png`), fullPage: true });
  }
});

test("a hostile name and search stay text; a bad sort falls back with a message", async ({ page }) => {
  const admin = await newAdmin(`hostile-${stamp}`);
  const hostile = `Hostile ${tag} <img src=x onerror="window.__pwned=1"> (a.*)[b]`;
  await createUser({ username: `${tag}.hostile@acme.test`, name: hostile, profile: "Standard User" });
  await logIn(page, admin);

  for (const q of ["(a.*)[b]", `<img src=x onerror="window.__pwned=1">`]) {
    await page.goto(`/setup/users?q=${encodeURIComponent(q)}`);
    const table = page.getByRole("table", { name: "Users in your org" });
    await expect(page.getByRole("status").filter({ hasText: "match" })).toHaveText("1 user match");
    await expect(table.getByRole("link", { name: hostile })).toBeVisible();
    await expect(table.locator("mark")).toHaveText([q]);
    await expect(table.locator("img")).toHaveCount(0);
  }
  expect(await page.evaluate(() => (window as { __pwned?: number }).__pwned)).toBeUndefined();

  await page.goto("/setup/users?sort=password_hash&dir=sideways");
  await expect(page.getByText("Sort by name, username, last login or created. Showing users by name.")).toBeVisible();
  await expect(page.getByRole("columnheader", { name: /^Name/ })).toHaveAttribute("aria-sort", "ascending");
});
