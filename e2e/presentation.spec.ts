/**
 * A projector: 1280x720 with large type. Presentation mode keeps the query, the article's buttons, the pooling
 * and large results, nothing else, and at least five rows fit on the screen; the article's buttons search at once.
 */
import { fileURLToPath } from "node:url";
import type { Locator } from "@playwright/test";
import { expect, test } from "./fixtures";
import { RadarPage } from "./pages/radar-page";

// Written to e2e/artifacts/ (ignored) on every run; the copies docs/room.md shows in e2e/screenshots/ are taken from there.
const SCREENSHOTS = fileURLToPath(new URL("./artifacts/", import.meta.url));
const PROJECTOR = { width: 1280, height: 720 };

/** Rows wholly inside the viewport. */
async function rowsOnScreen(rows: Locator, height: number): Promise<number> {
  const boxes = await rows.evaluateAll((nodes) => nodes.map((n) => n.getBoundingClientRect()).map((b) => ({ top: b.top, bottom: b.bottom })));
  return boxes.filter((b) => b.top >= 0 && b.bottom <= height).length;
}

test.beforeEach(async ({ page }) => {
  await page.setViewportSize(PROJECTOR);
  await page.addInitScript(() => localStorage.setItem("semantic-radar:large-type", "true"));
});

test("presentation mode at 1280x720 in large type: the query, the pooling and at least five large rows, nothing else", async ({ page }) => {
  const radar = new RadarPage(page);
  await radar.goto();
  await radar.waitForEngine();
  await radar.waitForResults(await radar.queryInput.inputValue());
  await page.getByTestId("present-toggle").click();
  const presentation = page.getByTestId("presentation");
  await expect(presentation).toBeVisible();
  await expect(page.locator("[data-site-header]")).toBeHidden();
  for (const absent of ["kb-editor", "engine-status", "settings-panel", "score-histogram", "map-panel", "explain-button", "library"]) {
    await expect(page.getByTestId(absent), absent).toHaveCount(0);
  }
  await expect(radar.queryInput).toBeVisible();
  await expect(page.getByTestId("example-query").first()).toBeVisible();
  await expect(page.getByTestId("pooling-control")).toBeVisible();
  expect(await rowsOnScreen(radar.rows, PROJECTOR.height)).toBeGreaterThanOrEqual(5);
  await page.screenshot({ path: `${SCREENSHOTS}presentation.png` });

  // Two poolings side by side still show five rows in each column.
  await radar.choosePooling("side_by_side");
  await expect(page.getByTestId("result-column")).toHaveCount(2);
  for (const column of await page.getByTestId("result-column").all()) {
    expect(await rowsOnScreen(column.getByTestId("result-row"), PROJECTOR.height)).toBeGreaterThanOrEqual(5);
  }

  // Escape leaves presentation mode; everything is back.
  await page.keyboard.press("Escape");
  await expect(presentation).toHaveCount(0);
  await expect(page.locator("[data-site-header]")).toBeVisible();
  await expect(radar.kbEditor).toBeVisible();
});

test("the article's query buttons search at once, in presentation mode too", async ({ page }) => {
  const radar = new RadarPage(page);
  await radar.goto();
  await radar.waitForEngine();
  await radar.waitForResults(await radar.queryInput.inputValue());
  const buttons = page.getByTestId("example-query");
  const first = (await buttons.first().innerText()).trim();
  await buttons.first().click();
  await radar.waitForResults(first);
  await expect(buttons.first()).toHaveAttribute("aria-pressed", "true");
  await expect(radar.rows.first()).toBeVisible();

  await page.getByTestId("present-toggle").click();
  const second = (await buttons.nth(1).innerText()).trim();
  await buttons.nth(1).click();
  await radar.waitForResults(second);
  await expect(radar.queryInput).toHaveValue(second);
});
