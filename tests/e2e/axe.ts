// axe-core in the real browser (issue 12): a page or an open dialog passes when it has no serious
// or critical violation of WCAG 2.0/2.1 A and AA. Checks are soft, so one run lists every page's
// violations at once; the test still fails at its end.
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
const BLOCKING = new Set(["serious", "critical"]);

/** Each serious or critical violation as "impact id: help — targets". */
export async function blockingViolations(page: Page): Promise<string[]> {
  await page.waitForLoadState("load");
  // Legacy mode runs axe.run() in the page itself: the default opens a blank page per check to
  // merge frames' results, which doubles its time, and the console has no cross-origin frames.
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode().analyze();
  return results.violations
    .filter((v) => BLOCKING.has(v.impact ?? ""))
    .map((v) => `${v.impact} ${v.id}: ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

export async function expectAccessible(page: Page, what: string) {
  expect.soft(await blockingViolations(page), `${what} (${new URL(page.url()).pathname})`).toEqual([]);
}

/**
 * Opens every confirmation dialog the page offers (each trigger says aria-haspopup="dialog"),
 * checks it open, and closes it with Escape: nothing is confirmed.
 */
export async function expectDialogsAccessible(page: Page, what: string) {
  const triggers = page.locator('main button[aria-haspopup="dialog"]:not([disabled])');
  const count = await triggers.count();
  expect(count, `${what}: dialogs to open`).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const trigger = triggers.nth(i);
    const label = (await trigger.textContent())?.trim() ?? `#${i}`;
    await trigger.click();
    const dialog = page.locator("dialog[open]");
    await expect(dialog, `${what}: ${label} opens a dialog`).toBeVisible();
    await expectAccessible(page, `${what}: dialog of ${label}`);
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
  }
  return count;
}
