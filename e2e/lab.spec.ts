import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";

const POOLING_COUNT = 5;
const ARTICLE_SCENARIO_COUNT = 8;

/** The /lab page, by its data-testid hooks. */
class LabPage {
  readonly table;
  readonly rows;
  readonly chart;
  readonly editor;
  readonly scenarioRows;

  constructor(readonly page: Page) {
    this.table = page.getByTestId("lab-table");
    this.rows = page.getByTestId("lab-row");
    this.chart = page.getByTestId("delta-chart");
    this.editor = page.getByTestId("scenario-editor");
    this.scenarioRows = page.getByTestId("scenario-row");
  }

  async open() {
    await this.page.goto("/lab");
    await expect(this.page.getByRole("heading", { name: "Pooling Lab" })).toBeVisible();
  }

  averageDelta(pooling: string) {
    return this.page.locator(`[data-testid="average-row"][data-pooling="${pooling}"] [data-testid="average-delta"]`);
  }

  async averageDeltaValue(pooling: string): Promise<number> {
    return Number(await this.averageDelta(pooling).textContent());
  }
}

test("runs the lab for the default model on a first visit and shows the table and chart", async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await expect(page.getByTestId("lab-model")).toHaveValue("all-MiniLM-L6-v2");

  // The article's table: 8 scenarios x 5 poolings, the article's claims beside ours.
  await expect(lab.rows).toHaveCount(ARTICLE_SCENARIO_COUNT * POOLING_COUNT, { timeout: 60_000 });
  await expect(lab.table).toContainText("1. Synonym substitution");
  await expect(lab.table).toContainText("0.7214 / 0.3102 / 0.4112");
  await expect(lab.table.locator('[data-testid="lab-row"][data-pooling="mean"]').first().getByTestId("native-badge")).toBeVisible();
  await expect(lab.table.locator('[data-testid="lab-row"][data-pooling="cls"]').first().getByTestId("native-badge")).toHaveCount(0);

  // Real numbers from the real model: all-MiniLM-L6-v2 was trained with mean pooling, and it shows.
  const mean = await lab.averageDeltaValue("mean");
  const cls = await lab.averageDeltaValue("cls");
  expect(mean).toBeGreaterThan(-1);
  expect(mean).toBeLessThan(1);
  expect(mean).toBeGreaterThan(cls);

  // The grouped bar chart: one bar per scenario and pooling, the native pooling named in its legend.
  await expect(lab.chart.locator(".recharts-bar-rectangle")).toHaveCount(ARTICLE_SCENARIO_COUNT * POOLING_COUNT);
  await expect(lab.chart).toContainText("Mean (native)");

  // The results export in the CLI's JSON shape.
  const downloading = page.waitForEvent("download");
  await page.getByTestId("export-json").click();
  const exported = JSON.parse(await readFile(await (await downloading).path(), "utf8"));
  expect(Object.keys(exported)).toEqual(["model", "lang", "scenarios", "average_delta", "native"]);
  expect(exported).toMatchObject({ model: "all-MiniLM-L6-v2", lang: "en", native: "mean" });
  expect(exported.scenarios).toHaveLength(ARTICLE_SCENARIO_COUNT);
  expect(exported.average_delta.mean).toBeCloseTo(mean, 4);

  await expect(page.getByTestId("ordering-check")).toBeVisible();
  await expect(page.getByTestId("model-native")).toContainText("Mean");
  await expect(page.getByTestId("model-architecture")).toContainText("Bidirectional encoder");
  await expect(page.getByTestId("explanation-model")).toContainText("all-MiniLM-L6-v2 is a bidirectional encoder");
});

test("a custom scenario round-trips through export and import, then runs on the model", async ({ page }, testInfo) => {
  const lab = new LabPage(page);
  await lab.open();
  await expect(lab.rows).toHaveCount(ARTICLE_SCENARIO_COUNT * POOLING_COUNT, { timeout: 60_000 });

  const scenario = {
    name: "Refund question",
    query: "How do I get my money back?",
    strong: "Refunds are paid within five days",
    weak: "Prices include VAT",
    unrelated: "Our office has a cat",
  };
  await lab.editor.getByTestId("add-scenario").click();
  const row = lab.scenarioRows.first();
  for (const [field, text] of Object.entries(scenario)) await row.getByTestId(`scenario-${field}`).fill(text);

  const downloading = page.waitForEvent("download");
  await lab.editor.getByTestId("export-scenarios").click();
  const file = testInfo.outputPath("lab-scenarios.json");
  await (await downloading).saveAs(file);
  expect(JSON.parse(await readFile(file, "utf8")).scenarios).toEqual([scenario]);

  await row.getByRole("button", { name: /Remove scenario 1/ }).click();
  await expect(lab.scenarioRows).toHaveCount(0);
  await lab.editor.getByTestId("import-scenarios-file").setInputFiles(file);
  await expect(page.getByTestId("scenario-notice")).toContainText("Imported 1 scenario");
  await expect(lab.scenarioRows).toHaveCount(1);
  for (const [field, text] of Object.entries(scenario)) await expect(row.getByTestId(`scenario-${field}`)).toHaveValue(text);

  // Kept in the browser across a reload.
  await page.reload();
  await expect(lab.scenarioRows.first().getByTestId("scenario-query")).toHaveValue(scenario.query);

  // And it runs: one scenario, every pooling, no article claims beside it.
  await page.getByTestId("lab-scenarios").selectOption("custom");
  await page.getByTestId("run-lab").click();
  await expect(lab.rows).toHaveCount(POOLING_COUNT, { timeout: 60_000 });
  await expect(lab.table).toContainText("Refund question");
  await expect(lab.table).not.toContainText("0.7214");
});

test("an import that is not a scenario file says what is wrong and keeps the scenarios", async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await lab.editor.getByTestId("add-scenario").click();
  await lab.scenarioRows.first().getByTestId("scenario-query").fill("kept");
  await lab.editor.getByTestId("import-scenarios-file").setInputFiles({
    name: "broken.json",
    mimeType: "application/json",
    buffer: Buffer.from(JSON.stringify([{ name: "x", query: "", strong: "s", weak: "w", unrelated: "u" }])),
  });
  await expect(page.getByTestId("scenario-notice")).toContainText("Could not import broken.json");
  await expect(page.getByTestId("scenario-notice")).toContainText("scenario 1, query: expected a non-empty text");
  await expect(lab.scenarioRows.first().getByTestId("scenario-query")).toHaveValue("kept");
});

test("the STS panel shows the Spearman at each Matryoshka cut, the full size last, and says the model was not trained for them", async ({ page }) => {
  const lab = new LabPage(page);
  await lab.open();
  await expect(page.getByTestId("lab-model")).toHaveValue("all-MiniLM-L6-v2");
  await page.getByTestId("compute-sts").click();
  const bySize = page.getByTestId("sts-by-size");
  await expect(bySize).toBeVisible({ timeout: 180_000 });
  const rows = bySize.locator("tbody tr");
  await expect(rows.locator("th")).toHaveText(["32", "64", "128", "256", "384 (full)"]);
  // The full-size row is the panel's own per-pooling score; the 32-wide cut of a model not trained for it is lower.
  const meanAt = async (row: number) => Number(await rows.nth(row).locator("td").nth(1).innerText());
  const fullMean = Number(await page.getByTestId("sts-table").locator("tr").nth(1).locator("td").nth(1).innerText());
  expect(await meanAt(4)).toBeCloseTo(fullMean, 2);
  expect(await meanAt(0)).toBeLessThan(fullMean);
  await expect(page.getByTestId("sts-panel")).toContainText("declares no Matryoshka training");
});
