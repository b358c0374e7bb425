// Issue 12, Times: the server renders times in the viewer's zone from the first byte (the browser
// reports its zone once, in a cookie), and labels the zone where a bare time would be ambiguous.
import { expect, test } from "@playwright/test";
import { logIn, newAdmin } from "./console";

test.use({ timezoneId: "Asia/Tokyo" });

const tokyoTime = (iso: string) =>
  new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hour12: false, timeZone: "Asia/Tokyo", timeZoneName: "short" }).format(new Date(iso));

test("times are in the viewer's zone from the first byte, labelled where a bare time is ambiguous", async ({ page }) => {
  const admin = await newAdmin(`tz-${Date.now().toString(36)}`);
  await logIn(page, admin);
  // In the browser: the header's High Assurance window, in Tokyo time, with its zone.
  const until = page.getByText(/High assurance until \d\d:\d\d GMT\+9/);
  await expect(until).toBeVisible();

  // The page as the server sends it, before any script runs: already in Tokyo time.
  expect((await page.context().cookies()).find((c) => c.name === "mfa_tz")?.value).toBe(encodeURIComponent("Asia/Tokyo"));
  const html = await (await page.request.get("/setup/users")).text();
  const first = html.match(/High assurance until (?:<!-- -->)?<time dateTime="([^"]+)"[^>]*>([^<]+)<\/time>/);
  expect(first, "the header's time in the server's HTML").not.toBeNull();
  expect(first![2]).toBe(tokyoTime(first![1]!));
});

test("a zone the browser never reported, or a forged one, renders as UTC", async ({ page, context }) => {
  const admin = await newAdmin(`tz-utc-${Date.now().toString(36)}`);
  await logIn(page, admin);
  await context.addCookies([{ name: "mfa_tz", value: "Mars%2FOlympus_Mons", url: new URL(page.url()).origin }]);
  const html = await (await page.request.get("/setup/users")).text();
  expect(html).toMatch(/High assurance until (?:<!-- -->)?<time dateTime="[^"]+"[^>]*>\d\d:\d\d UTC<\/time>/);
});
