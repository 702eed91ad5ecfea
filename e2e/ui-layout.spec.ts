/**
 * Layout on a phone and a laptop, light and dark: no horizontal scroll on any page, results right under the query
 * on a phone, 44 px touch targets. Screenshots go to e2e/artifacts/ (the README's come from there).
 */
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { RadarPage } from "./pages/radar-page";

const ARTIFACTS = fileURLToPath(new URL("./artifacts/", import.meta.url));
const SIZES = [
  { name: "phone", width: 390, height: 844 },
  { name: "desktop", width: 1440, height: 900 },
] as const;
const SCHEMES = ["light", "dark"] as const;

async function expectNoHorizontalScroll(page: Page): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement?.scrollWidth ?? 0,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, "the page is wider than the screen").toBeLessThanOrEqual(innerWidth);
}

for (const size of SIZES) {
  for (const scheme of SCHEMES) {
    test(`${size.name} ${scheme}: the radar and the lab fit the screen`, async ({ page }) => {
      await page.setViewportSize({ width: size.width, height: size.height });
      await page.emulateMedia({ colorScheme: scheme });
      const radar = new RadarPage(page);
      await radar.goto();
      await radar.waitForEngine();
      await radar.waitForResults(await radar.queryInput.inputValue());
      await expectNoHorizontalScroll(page);
      await page.screenshot({ path: `${ARTIFACTS}radar-${size.name}-${scheme}.png` });

      // Side by side is the widest view.
      await radar.openSettings();
      await radar.choosePooling("side_by_side");
      await expect(page.getByTestId("side-by-side")).toBeVisible();
      await expectNoHorizontalScroll(page);

      await page.goto("/lab");
      await expect(page.getByTestId("lab-table")).toBeVisible();
      await expectNoHorizontalScroll(page);
      await page.screenshot({ path: `${ARTIFACTS}lab-${size.name}-${scheme}.png` });
    });
  }
}

test("phone: the results come right after the query, and every control is a 44 px touch target", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const radar = new RadarPage(page);
  await radar.goto();
  await radar.waitForEngine();
  await radar.waitForResults(await radar.queryInput.inputValue());
  const query = await radar.queryInput.boundingBox();
  const first = await radar.rows.first().boundingBox();
  const editor = await radar.kbEditor.boundingBox();
  expect(first && query && editor).toBeTruthy();
  // The first result is on the first screen, under the query and above the knowledge base.
  expect(first!.y).toBeGreaterThan(query!.y);
  expect(first!.y).toBeLessThan(844);
  expect(first!.y).toBeLessThan(editor!.y);

  await radar.openSettings();
  const small = await page.locator("button, select, input:not([type=checkbox], [type=radio], [type=file]), nav a").evaluateAll((elements) =>
    elements
      .filter((e) => (e as HTMLElement).offsetParent !== null && !e.classList.contains("sr-only"))
      .map((e) => ({ what: (e.getAttribute("data-testid") ?? e.textContent ?? e.tagName).slice(0, 40), box: e.getBoundingClientRect() }))
      .filter(({ box }) => box.height < 44 || box.width < 44)
      .map(({ what, box }) => `${what}: ${Math.round(box.width)}x${Math.round(box.height)}`),
  );
  expect(small).toEqual([]);
});
