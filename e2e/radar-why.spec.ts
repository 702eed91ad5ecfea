/** Why a score: token explanations, the map and calibrated readings, on the real default model (no mocks). */
import { fileURLToPath } from "node:url";
import AxeBuilder from "@axe-core/playwright";
import { expect, FAQ, PASSWORD_QUESTION, test } from "./fixtures";
import { RadarPage } from "./pages/radar-page";
import { WhyViews } from "./pages/why-views";

// Written to e2e/artifacts/ (ignored) on every run; README's copies in e2e/screenshots/ are taken from there.
const SCREENSHOTS = fileURLToPath(new URL("./artifacts/", import.meta.url));

test("clicking Why? shows both texts as token heatmaps whose exact contributions add up to the score", async ({ radar, page }) => {
  const why = new WhyViews(page);
  await radar.setKnowledgeBase(FAQ);
  await radar.search(PASSWORD_QUESTION);
  const score = await radar.scoreOf(FAQ[0]);
  await why.explain(FAQ[0]);

  const mean = why.column("mean");
  await expect(mean).toHaveAttribute("data-method", "exact-mean");
  await expect(mean.getByTestId("explanation-method")).toContainText("the terms add up to the score");
  await expect(mean.getByTestId("explanation-score")).toHaveText(score.toFixed(4));
  for (const side of ["query", "entry"] as const) {
    const sum = (await why.contributions(mean, side)).reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - score)).toBeLessThan(1e-3);
  }
  await expect(why.explanation.getByTestId("heat-legend")).toBeVisible();
  await expect(mean.getByRole("group", { name: "Entry tokens shaded by contribution" })).toContainText("password");
  await page.getByTestId("explanation").screenshot({ path: `${SCREENSHOTS}explanation.png` });

  await why.explanation.getByTestId("explanation-close").click();
  await expect(why.explanation).toHaveCount(0);
});

test("Why? opens in place under its row, takes focus, closes with Escape and gives focus back", async ({ radar, page }) => {
  const why = new WhyViews(page);
  await radar.setKnowledgeBase(FAQ);
  await radar.search(PASSWORD_QUESTION);
  const row = radar.rows.nth(3);
  const button = row.getByTestId("explain-button");
  await button.scrollIntoViewIfNeeded();
  const scrolledTo = await page.evaluate(() => window.scrollY);
  await button.click();
  await why.waitForExplanation();
  // In place: inside the row that asked, not at the top of the page, and the page did not jump up.
  await expect(row.getByTestId("explanation")).toBeVisible();
  await expect(why.explanation).toBeInViewport();
  expect(await page.evaluate(() => window.scrollY)).toBeGreaterThanOrEqual(scrolledTo - 1);
  await expect(why.explanation).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(why.explanation).toHaveCount(0);
  await expect(button).toBeFocused();
});

test("the map follows the query and the pooling, and says when it is out of date", async ({ radar, page }) => {
  const why = new WhyViews(page);
  await radar.setKnowledgeBase(FAQ);
  await radar.search(PASSWORD_QUESTION);
  await why.drawMap("pca");
  await expect(why.mapPanel.getByTestId("map-following")).toContainText(PASSWORD_QUESTION);
  // Recharts draws each symbol at (0, 0) and moves it with a transform: the transform is the point's place.
  const queryPoint = async () => why.mapPanel.locator(".recharts-scatter-symbol path").last().getAttribute("transform");
  const before = await queryPoint();

  // A new query: the map is redrawn for it (the diamond moves), never left showing the old one as current.
  await radar.search("Do you ship to Europe?");
  await expect(why.mapPanel).toHaveAttribute("data-current", "true");
  await expect(why.mapPanel.getByTestId("map-following")).toContainText("Do you ship to Europe?");
  expect(await queryPoint()).not.toBe(before);

  // A new pooling: one map for each pooling on screen, drawn under that pooling.
  await radar.choosePooling("side_by_side");
  await expect(why.mapPanel).toHaveAttribute("data-current", "true");
  await expect(why.mapPanel.getByTestId("scatter-map")).toHaveCount(2);
  await radar.choosePooling("cls");
  await expect(why.mapPanel).toHaveAttribute("data-current", "true");
  await expect(why.mapPanel.getByTestId("scatter-map")).toHaveCount(1);
  await expect(why.mapPanel.getByTestId("scatter-map")).toContainText("CLS / first token");

  // While the new map is drawn, the old one is marked out of date.
  await page.route("**/api/map", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await route.continue();
  });
  await radar.choosePooling("mean");
  await expect(why.mapPanel.getByTestId("map-figures")).toHaveAttribute("data-stale", "true");
  await expect(why.mapPanel.getByTestId("map-updating")).toBeVisible();
  await expect(why.mapPanel).toHaveAttribute("data-current", "true");
  await expect(why.mapPanel.getByTestId("map-figures")).toHaveAttribute("data-stale", "false");
});

test("side by side explains the same pair under both poolings, leave-one-out named for CLS", async ({ radar, page }) => {
  const why = new WhyViews(page);
  await radar.setKnowledgeBase(FAQ);
  await radar.search(PASSWORD_QUESTION);
  await radar.choosePooling("side_by_side");
  await why.explain(FAQ[0], radar.column("cls"));
  await expect(why.explanation.getByTestId("explanation-column")).toHaveCount(2);
  await expect(why.column("cls")).toHaveAttribute("data-method", "leave-one-out");
  await expect(why.column("cls").getByTestId("explanation-method")).toContainText("leave-one-out");
  await expect(why.column("mean")).toHaveAttribute("data-method", "exact-mean");
  await page.getByTestId("explanation").screenshot({ path: `${SCREENSHOTS}explanation-side-by-side.png` });
});

test("the map draws one scatter per pooling side by side, and a dot opens its explanation", async ({ radar, page }) => {
  const why = new WhyViews(page);
  await radar.setKnowledgeBase(FAQ);
  await radar.search(PASSWORD_QUESTION);
  await radar.choosePooling("side_by_side");
  await why.drawMap("pca");
  const maps = why.mapPanel.getByTestId("scatter-map");
  await expect(maps).toHaveCount(2);
  await expect(maps.first()).toHaveAttribute("data-points", String(FAQ.length));
  await expect(maps.first().getByTestId("explained-variance")).toContainText("of the variance");
  await expect(why.mapPanel.getByTestId("map-sample")).toHaveCount(0);
  await why.mapPanel.scrollIntoViewIfNeeded();
  await why.mapPanel.screenshot({ path: `${SCREENSHOTS}map.png` });

  await maps.first().locator(".recharts-scatter-symbol").first().click();
  await why.waitForExplanation();
  await expect(why.explanation.getByTestId("explanation-column")).toHaveCount(2);
});

test("UMAP draws the same picture twice", async ({ radar, page }) => {
  const why = new WhyViews(page);
  await radar.waitForResults(await radar.queryInput.inputValue());
  // Each symbol's place is its transform (its path is drawn around (0, 0)).
  const positions = async () => why.mapPanel.locator(".recharts-scatter-symbol path").evaluateAll((nodes) => nodes.map((n) => n.getAttribute("transform")));
  await why.drawMap("umap");
  const first = await positions();
  await why.mapPanel.getByTestId("map-draw").click();
  await expect(why.mapPanel).toHaveAttribute("data-busy", "false");
  expect(await positions()).toEqual(first);
});

test("scores read as percentiles of unrelated pairs, and the suggested threshold is one click", async ({ radar, page }) => {
  // Without a cached calibration (data/calibration/) the server computes it first: a few thousand sentences.
  test.setTimeout(300_000);
  const why = new WhyViews(page);
  await radar.setKnowledgeBase(FAQ);
  await radar.search(PASSWORD_QUESTION);
  // The first row is a clear match: its reading agrees with its green (verdict.ts).
  await expect(radar.rows.first().getByTestId("result-standing")).toHaveText(/^higher than (\d+% of random pairs|every random pair measured)$/, { timeout: 240_000 });
  // Grey rows read "within the range of random pairs" with an ordinal, or nothing: never a verdict of their own.
  for (const text of await page.locator('[data-testid="result-row"][data-above-threshold="false"] [data-testid="result-standing"]').allInnerTexts()) {
    expect(text).toMatch(/^(|within the range of random pairs \(\d+(st|nd|rd|th) percentile\))$/);
    const [, n, suffix] = text.match(/\((\d+)(\w+) percentile/) ?? [];
    if (n) expect(suffix).toBe(["th", "st", "nd", "rd"][Number(n) % 100 >= 11 && Number(n) % 100 <= 13 ? 0 : Number(n) % 10 < 4 ? Number(n) % 10 : 0]);
  }
  await expect(why.calibration).toContainText("measured on Qwen3-Embedding-4B");
  const suggest = why.calibration.getByTestId("suggested-threshold").first();
  const value = (await suggest.innerText()).match(/threshold (\d\.\d\d)/)![1];
  await suggest.click();
  await expect(page.getByTestId("threshold-value")).toHaveText(value);
});

test("a pooling the model was not trained with carries a note; switching model goes to its native pooling", async ({ radar, page }) => {
  await radar.setKnowledgeBase(FAQ);
  await radar.search(PASSWORD_QUESTION);
  await expect(page.getByTestId("non-native-note")).toHaveCount(0);
  await radar.choosePooling("cls");
  await expect(page.getByTestId("non-native-note")).toContainText("Not how this model was trained");
  await radar.chooseModel("bge-small-en-v1.5");
  await expect(page.getByTestId("pooling-cls")).toBeChecked(); // bge's native pooling is CLS
  await radar.choosePooling("mean");
  await page.getByTestId("pin-pooling").check();
  await radar.chooseModel("all-MiniLM-L6-v2");
  await expect(page.getByTestId("pooling-mean")).toBeChecked();
});

test("Chinese entries on an English-only model raise a warning", async ({ radar, page }) => {
  await radar.setKnowledgeBase(["我饿了", "猫在沙发上睡觉", "今天天气很好"]);
  await expect(page.getByTestId("script-warning")).toContainText("100% of the entries are Chinese, but all-MiniLM-L6-v2 was trained on English only");
});

test("model against model: the same knowledge base and query under two models, each in its native pooling, with rank changes", async ({ radar, page }) => {
  await radar.setKnowledgeBase(FAQ);
  await radar.search(PASSWORD_QUESTION);
  const compare = page.getByTestId("model-compare");
  await compare.getByTestId("compare-model").selectOption("bge-small-en-v1.5");
  await compare.getByTestId("compare-run").click();
  await expect(compare.getByTestId("model-column")).toHaveCount(2);
  await expect(compare).toHaveAttribute("data-busy", "false");
  const bge = compare.locator('[data-testid="model-column"][data-model="bge-small-en-v1.5"]');
  await expect(bge).toContainText("CLS / first token (native)");
  await expect(compare.locator('[data-testid="model-column"][data-model="all-MiniLM-L6-v2"]')).toContainText("Mean (native)");
  // Both models put the password entry first; every row says how it moved against the other model.
  await expect(bge.getByTestId("result-text").first()).toHaveText(FAQ[0]);
  await expect(bge.getByTestId("rank-change")).toHaveCount(FAQ.length);
  await expect(bge.getByTestId("rank-change").first()).toHaveText("= (same rank under all-MiniLM-L6-v2)");
});

test("model against model rows read as each model's percentile and open their own model's explanation", async ({ radar, page }) => {
  test.setTimeout(300_000);
  const why = new WhyViews(page);
  await radar.setKnowledgeBase(FAQ);
  await radar.search(PASSWORD_QUESTION);
  const compare = page.getByTestId("model-compare");
  await compare.getByTestId("compare-model").selectOption("bge-small-en-v1.5");
  await compare.getByTestId("compare-run").click();
  const bge = compare.locator('[data-testid="model-column"][data-model="bge-small-en-v1.5"]');
  await expect(bge.getByTestId("result-standing").filter({ hasText: /random pair/ }).first()).toBeVisible({ timeout: 240_000 });
  await bge.getByTestId("explain-button").first().click();
  await why.waitForExplanation();
  await expect(why.column("cls")).toHaveAttribute("data-method", "leave-one-out");
  await expect(why.column("cls").getByTestId("explanation-score")).toHaveText((await bge.getByTestId("result-score").first().innerText()).trim());
});

for (const scheme of ["light", "dark"] as const) {
  test(`axe finds no serious violation in the explanation, the map and the model comparison: ${scheme}`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    const radar = new RadarPage(page);
    const why = new WhyViews(page);
    await radar.goto();
    await radar.waitForEngine();
    await radar.setKnowledgeBase(FAQ);
    await radar.search(PASSWORD_QUESTION);
    await radar.choosePooling("side_by_side");
    await why.explain(FAQ[0], radar.column("mean"));
    await why.drawMap("pca");
    const compare = page.getByTestId("model-compare");
    await compare.getByTestId("compare-run").click();
    await expect(compare.getByTestId("model-column")).toHaveCount(2);
    await expect(why.calibration.getByTestId("suggested-threshold").first()).toBeVisible();
    const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
    const serious = violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")}`);
    expect(serious).toEqual([]);
  });
}
