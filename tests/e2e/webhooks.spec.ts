// Issue 13 (B8): an administrator adds a webhook endpoint in Setup > Webhooks pointing at a
// receiver this test starts on localhost, copies the secret shown once, clicks "Send test event"
// and sees it delivered in the log with HTTP status 200 — and the receiver verifies the signature
// with the standardwebhooks library.
import { expect, test } from "@playwright/test";
import { logIn, newAdmin } from "./console";
import { startReceiver, type Receiver } from "../helpers/webhook-receiver";
import { withDb } from "./db";

let receiver: Receiver;
test.beforeAll(async () => {
  receiver = await startReceiver();
});
// The endpoint goes with its receiver: later specs' events must not queue for an address that is gone.
test.afterAll(async () => {
  await withDb((db) => db.webhookEndpoint.deleteMany({ where: { description: "Local test receiver" } }));
  await receiver?.close();
});

const shot = (name: string) => (process.env.E2E_SCREENSHOTS ? { path: `${process.env.E2E_SCREENSHOTS}/${name}.png`, fullPage: true } : null);

test("add an endpoint, send a test event, see it delivered with status 200", async ({ page }) => {
  const admin = await newAdmin("webhooks");
  await logIn(page, admin);
  await page.goto("/setup/webhooks");
  await expect(page.getByRole("heading", { name: "Webhooks" })).toBeVisible();
  const listShot = shot("webhooks-empty");
  if (listShot) await page.screenshot(listShot);

  await page.getByRole("link", { name: "Add endpoint" }).click();
  await page.getByLabel("Endpoint URL").fill(receiver.url);
  await page.getByLabel("Description").fill("Local test receiver");
  await page.getByLabel("Only the activities I choose").check();
  await page.getByRole("group", { name: "Activities" }).getByLabel("Webhook test event sent").check();
  const formShot = shot("webhooks-new");
  if (formShot) await page.screenshot(formShot);
  await page.getByRole("button", { name: "Add endpoint" }).click();

  await expect(page.getByLabel("Signing secret")).toHaveText(/^whsec_/);
  const secret = (await page.getByLabel("Signing secret").textContent())!.trim();
  const secretShot = shot("webhooks-secret");
  if (secretShot) await page.screenshot(secretShot);
  await page.getByRole("link", { name: "Done" }).click();
  await expect(page).toHaveURL(/\/setup\/webhooks\/[0-9a-f-]{36}$/);
  await expect(page.getByText("Nothing delivered yet")).toBeVisible();

  await page.getByRole("button", { name: "Send test event" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Test event queued" })).toBeVisible();
  // The test event, and the "test event sent" activity this endpoint chose.
  await receiver.waitFor(2, 20_000);
  const test = receiver.received.find((r) => JSON.parse(r.body).type === "webhook.test")!;
  expect(receiver.verify(test, secret)).toMatchObject({ type: "webhook.test" });

  const log = page.getByRole("table", { name: "Deliveries, newest first" });
  await expect(async () => {
    await page.reload();
    const row = log.getByRole("row").filter({ hasText: "webhook.test" });
    await expect(row).toContainText("Delivered");
    await expect(row.getByRole("cell").nth(4)).toHaveText("200");
  }).toPass({ timeout: 20_000 });
  const logShot = shot("webhooks-endpoint");
  if (logShot) await page.screenshot(logShot);

  await page.getByRole("link", { name: "Delivered" }).click();
  await expect(page).toHaveURL(/status=DELIVERED/);
  await page.getByRole("link", { name: "Failed" }).click();
  await expect(page.getByText("No failed deliveries.")).toBeVisible();

  await page.goto("/setup/webhooks");
  await expect(page.getByRole("link", { name: receiver.url })).toBeVisible();
  const listShot2 = shot("webhooks-list");
  if (listShot2) await page.screenshot(listShot2);
});
