// Issue 5, T1: a Globex support agent never sees an Acme event — not in the history, not by id,
// not in the CSV export, not in the user type-ahead.
import { expect, test } from "@playwright/test";
import { logIn } from "./console";
import { createUser } from "./fixtures";
import { withDb } from "./db";

test("a Globex agent sees no Acme events: not listed, not by id, not in the export or the type-ahead", async ({ page }) => {
  await createUser({ username: "gus@globex.test", name: "Gus Globex", profile: "Support Agent", totp: true, org: "globex" });
  const acmeEventId = await withDb(async (db) => {
    const acme = await db.user.findUniqueOrThrow({ where: { username: "admin@acme.test" } });
    return (await db.verificationEvent.findFirstOrThrow({ where: { orgId: acme.orgId } })).id.toString();
  });
  await logIn(page, "gus@globex.test");
  await page.goto("/setup/activity");
  const table = page.getByRole("table", { name: "Verification events, newest first" });
  await expect(table).toContainText("gus@globex.test"); // his own login
  await expect(table).not.toContainText("acme.test");

  const detail = await page.goto(`/setup/activity/${acmeEventId}`);
  expect(detail?.status()).toBe(404);

  const suggestions = await page.request.get("/setup/activity/users?q=acme");
  expect(await suggestions.json()).toEqual({ users: [] });

  const csv = await page.request.post("/setup/activity/export", { form: {} });
  expect(csv.status()).toBe(200);
  const text = await csv.text();
  expect(text).toContain("gus@globex.test");
  expect(text).not.toContain("acme.test");
});
