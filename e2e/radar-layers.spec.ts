/** Layer, correction and precision in the radar's advanced settings, on the real default model: no mocks. */
import { expect, FAQ, PASSWORD_QUESTION, test } from "./fixtures";
import { WhyViews } from "./pages/why-views";

test("the defaults are labelled on the results; another layer, whitening and binary are chosen, labelled, exported in the link and reopened from it", async ({ radar, page, context }) => {
  await radar.setKnowledgeBase(FAQ);
  await radar.search(PASSWORD_QUESTION);
  const label = radar.column("mean").getByTestId("variant-label");
  await expect(label).toHaveAttribute("data-layer", "6");
  await expect(label).toHaveAttribute("data-correction", "none");
  await expect(label).toHaveAttribute("data-precision", "float32");
  await expect(radar.column("mean").getByTestId("precision-check")).toHaveCount(0);
  const defaultScore = await radar.scoreOf(FAQ[0]);

  await radar.openSettings();
  const controls = page.getByTestId("variant-controls");
  await controls.locator("summary").click();
  await page.getByTestId("layer-picker").selectOption("3");
  await page.getByTestId("correction-picker").selectOption("whitening");
  await page.getByTestId("precision-picker").selectOption("binary");
  await expect(label).toHaveAttribute("data-precision", "binary", { timeout: 60_000 });
  await expect(label).toHaveAttribute("data-layer", "3");
  await expect(label).toHaveAttribute("data-correction", "whitening");
  await expect(radar.column("mean").getByTestId("precision-check")).toBeVisible();
  expect(await radar.scoreOf(FAQ[0])).not.toBeCloseTo(defaultScore, 3);
  // Why? explains float32 scores: binary scores are other numbers, so it is not offered for them.
  await expect(radar.column("mean").getByTestId("explain-button")).toHaveCount(0);

  await expect.poll(() => page.url()).toMatch(/layer=3&correction=whitening&precision=binary/);

  // Back to float32 at layer 3, whitened: Why? explains these scores, and under mean the terms still add up.
  await page.getByTestId("precision-picker").selectOption("float32");
  await expect(label).toHaveAttribute("data-precision", "float32", { timeout: 60_000 });
  const why = new WhyViews(page);
  const whitened = await radar.scoreOf(FAQ[0], radar.column("mean"));
  await why.explain(FAQ[0], radar.column("mean"));
  const explained = why.column("mean");
  await expect(explained.getByTestId("explanation-score")).toHaveText(whitened.toFixed(4));
  const sum = (await why.contributions(explained, "entry")).reduce((a, b) => a + b, 0);
  expect(Math.abs(sum - whitened)).toBeLessThan(1e-3);
  await why.explanation.getByTestId("explanation-close").click();
  await page.getByTestId("precision-picker").selectOption("binary");
  await expect(label).toHaveAttribute("data-precision", "binary", { timeout: 60_000 });
  await expect.poll(() => page.url()).toMatch(/layer=3&correction=whitening&precision=binary/);
  const shared = await context.newPage();
  await shared.goto(page.url().replace(/^https?:\/\/[^/]+/, ""));
  await expect(shared.getByTestId("layer-picker")).toHaveValue("3", { timeout: 60_000 });
  await expect(shared.getByTestId("correction-picker")).toHaveValue("whitening");
  await expect(shared.getByTestId("precision-picker")).toHaveValue("binary");
  await expect(shared.locator('[data-testid="variant-label"][data-layer="3"][data-precision="binary"]').first()).toBeVisible({ timeout: 60_000 });
});

test("the Lab offers the layer sweep of the chosen model, bounded to a number of pairs", async ({ page }) => {
  await page.goto("/lab");
  const panel = page.getByTestId("layers-panel");
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId("layers-pairs")).toHaveValue("300");
  await expect(panel.getByTestId("compute-layers")).toContainText(/all-MiniLM-L6-v2/);
});
