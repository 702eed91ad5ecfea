/**
 * Accessibility: axe-core on the radar, presentation mode and the lab in every layout a workshop meets (light, dark,
 * large type, phone, projector), in English and Chinese, and the keyboard path a person takes. The bar: no serious
 * or critical violation.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { RadarPage } from "./pages/radar-page";

const LAYOUTS = [
  { name: "light", scheme: "light", width: 1440, height: 900, largeType: false, locale: "en-US" },
  { name: "dark", scheme: "dark", width: 1440, height: 900, largeType: false, locale: "en-US" },
  { name: "large type", scheme: "light", width: 1440, height: 900, largeType: true, locale: "en-US" },
  { name: "phone", scheme: "light", width: 390, height: 844, largeType: false, locale: "en-US" },
  { name: "phone, dark", scheme: "dark", width: 390, height: 844, largeType: false, locale: "en-US" },
  { name: "Chinese", scheme: "light", width: 1440, height: 900, largeType: false, locale: "zh-CN" },
  { name: "Chinese, phone, dark", scheme: "dark", width: 390, height: 844, largeType: false, locale: "zh-CN" },
  { name: "Chinese, projector, large type", scheme: "light", width: 1280, height: 720, largeType: true, locale: "zh-CN" },
] as const;

/** Serious and critical violations only, each said as rule: target(s), so a failure reads as a to-do list. */
async function seriousViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")}`);
}

for (const layout of LAYOUTS) {
  test.describe(layout.name, () => {
    test.use({ locale: layout.locale });
    test(`axe finds no serious violation on the radar, presentation mode and the lab: ${layout.name}`, async ({ page }) => {
      await page.setViewportSize({ width: layout.width, height: layout.height });
      await page.emulateMedia({ colorScheme: layout.scheme });
      if (layout.largeType) await page.addInitScript(() => localStorage.setItem("semantic-radar:large-type", "true"));
      const radar = new RadarPage(page);
      await radar.goto();
      await radar.waitForEngine();
      await radar.waitForResults(await radar.queryInput.inputValue());
      await expect(page.locator("html")).toHaveClass(layout.scheme === "dark" ? /\bdark\b/ : /^(?!.*\bdark\b)/);
      expect(await seriousViolations(page)).toEqual([]);
      // The phone's folded settings are checked open too.
      await radar.openSettings();
      await radar.choosePooling("side_by_side");
      await expect(page.getByTestId("side-by-side")).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByTestId("present-toggle").click();
      await expect(page.getByTestId("presentation")).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);

      await page.goto("/lab");
      await expect(page.getByTestId("lab-table")).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);

      await page.goto("/room");
      await expect(page.getByTestId("teacher-key")).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
    });
  });
}

test("keyboard: a skip link to the query first, the query focused at load, Top-k editable with a range message", async ({ radar, page }) => {
  await expect(radar.queryInput).toBeFocused();
  // The skip link is the page's first tab stop, and it leads to the query.
  const skip = page.getByTestId("skip-link");
  await expect(skip).toHaveText("Skip to the query");
  const first = await page.evaluate(() => document.querySelector("a[href], button, input, select, textarea, [tabindex]")?.getAttribute("data-testid"));
  expect(first).toBe("skip-link");
  await page.getByTestId("top-k").focus();
  await skip.focus();
  await page.keyboard.press("Enter");
  await expect(radar.queryInput).toBeFocused();

  // The slider is named by its label, not by its value.
  await expect(page.getByRole("slider", { name: "Threshold" })).toBeVisible();

  // Top-k clears and retypes like any number field; an out-of-range value says so and is not searched.
  const topK = page.getByRole("spinbutton", { name: "Top-k" });
  await topK.fill("");
  await expect(page.getByTestId("top-k-problem")).toContainText("Type a number");
  await topK.pressSequentially("5");
  await expect(topK).toHaveValue("5");
  await expect(page.getByTestId("top-k-problem")).toBeHidden();
  await expect(radar.rows).toHaveCount(5);
  for (const bad of ["0", "500"]) {
    await topK.fill(bad);
    await expect(topK).toHaveValue(bad);
    await expect(topK).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByTestId("top-k-problem")).toHaveText(`${bad} is out of range. Top-k is a whole number from 1 to 100. The search keeps 5.`);
  }
  await expect(radar.rows).toHaveCount(5);
});

test("keyboard: on the lab the first Tab reaches the skip link, which leads to the content", async ({ page }) => {
  await page.goto("/lab");
  await expect(page.getByTestId("lab-model")).toBeVisible();
  await page.keyboard.press("Tab");
  const skip = page.getByTestId("skip-link");
  await expect(skip).toBeFocused();
  await expect(skip).toHaveText("Skip to the content");
  await page.keyboard.press("Enter");
  await expect(page.locator("main#main")).toBeFocused();
});

test("keyboard: the charts take no tab stop and have a text alternative", async ({ radar, page }) => {
  await radar.waitForResults(await radar.queryInput.inputValue());
  const chart = page.getByTestId("histogram-chart");
  await expect(chart).toHaveAttribute("role", "img");
  await expect(chart).toHaveAttribute("aria-label", /24 entries scored from .* at or above the threshold 0\.40/);
  // Nothing inside the histogram is focusable (Recharts' accessibility layer makes its SVG a tab stop).
  expect(await page.getByTestId("score-histogram").locator("[tabindex]:not([tabindex='-1'])").count()).toBe(0);
});
