/**
 * Layout on a phone, a projector and a laptop, light and dark, large type and Chinese: no horizontal scroll on any
 * page or view (side by side, the map, presentation mode, the Lab), the pooling and the editor one tap away, results
 * right under the query on a phone, 44 px touch targets. Screenshots go to e2e/artifacts/ (the README's come from there).
 */
import { fileURLToPath } from "node:url";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { RadarPage } from "./pages/radar-page";

const ARTIFACTS = fileURLToPath(new URL("./artifacts/", import.meta.url));
const LAYOUTS = [
  { name: "phone", width: 390, height: 844, scheme: "light", largeType: false, locale: "en-US" },
  { name: "phone-large-dark", width: 390, height: 844, scheme: "dark", largeType: true, locale: "en-US" },
  { name: "phone-large-zh", width: 390, height: 844, scheme: "light", largeType: true, locale: "zh-CN" },
  { name: "projector-large", width: 1280, height: 720, scheme: "light", largeType: true, locale: "en-US" },
  { name: "desktop", width: 1440, height: 900, scheme: "light", largeType: false, locale: "en-US" },
  { name: "desktop-dark", width: 1440, height: 900, scheme: "dark", largeType: false, locale: "en-US" },
] as const;

async function expectNoHorizontalScroll(page: Page, where: string): Promise<void> {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.scrollingElement?.scrollWidth ?? 0,
    innerWidth: window.innerWidth,
  }));
  expect(scrollWidth, `${where}: the page is wider than the screen`).toBeLessThanOrEqual(innerWidth);
}

for (const layout of LAYOUTS) {
  test.describe(layout.name, () => {
    test.use({ locale: layout.locale, viewport: { width: layout.width, height: layout.height } });

    test(`${layout.name}: the radar, side by side, the map, presentation mode and the lab fit the screen`, async ({ page }) => {
      await page.emulateMedia({ colorScheme: layout.scheme });
      if (layout.largeType) await page.addInitScript(() => localStorage.setItem("semantic-radar:large-type", "true"));
      const radar = new RadarPage(page);
      await radar.goto();
      await radar.waitForEngine();
      await radar.waitForResults(await radar.queryInput.inputValue());
      await expectNoHorizontalScroll(page, "radar");
      await page.screenshot({ path: `${ARTIFACTS}radar-${layout.name}.png` });

      // Side by side is the widest view; the map and model against model sit under it.
      await radar.openSettings();
      await radar.choosePooling("side_by_side");
      await expect(page.getByTestId("side-by-side")).toBeVisible();
      await page.getByTestId("map-draw").click();
      await expect(page.getByTestId("scatter-map")).toHaveCount(2);
      await expect(page.getByTestId("map-panel")).toHaveAttribute("data-busy", "false");
      await expectNoHorizontalScroll(page, "side by side with the map");

      await page.getByTestId("present-toggle").click();
      await expect(page.getByTestId("presentation")).toBeVisible();
      await expectNoHorizontalScroll(page, "presentation mode");
      await page.keyboard.press("Escape");

      await page.goto("/lab");
      await expect(page.getByTestId("lab-table")).toBeVisible();
      await expectNoHorizontalScroll(page, "lab");
      await page.screenshot({ path: `${ARTIFACTS}lab-${layout.name}.png` });

      await page.goto("/room");
      await expect(page.getByTestId("teacher-key")).toBeVisible();
      await expectNoHorizontalScroll(page, "the teacher's room page");
    });
  });
}

test("phone: the pooling is one tap above the results, and the editor one tap from the top", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const radar = new RadarPage(page);
  await radar.goto();
  await radar.waitForEngine();
  await radar.waitForResults(await radar.queryInput.inputValue());
  const cls = page.locator("label", { has: page.getByTestId("pooling-cls") });
  await expect(cls).toBeInViewport();
  await expect(page.getByTestId("settings-panel")).toBeHidden();
  await cls.click();
  await expect(radar.column("cls")).toBeVisible();

  const link = page.getByTestId("edit-kb-link");
  await expect(link).toBeInViewport();
  await link.click();
  await expect(radar.kbEditor).toBeFocused();
  await expect(radar.kbEditor).toBeInViewport();
});

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
