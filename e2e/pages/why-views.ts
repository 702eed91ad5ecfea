import { expect, type Locator, type Page } from "@playwright/test";

/** The radar's "why" views (issue 10): the token explanation, the map, the calibration card. */
export class WhyViews {
  readonly explanation: Locator;
  readonly mapPanel: Locator;
  readonly calibration: Locator;

  constructor(readonly page: Page) {
    this.explanation = page.getByTestId("explanation");
    this.mapPanel = page.getByTestId("map-panel");
    this.calibration = page.getByTestId("calibration-card");
  }

  /** Clicks "Why?" on the result row with this text and waits for the explanation. */
  async explain(text: string, scope: Locator = this.page.locator("body")): Promise<void> {
    const row = scope.getByTestId("result-row").filter({ has: this.page.getByTestId("result-text").getByText(text, { exact: true }) });
    await row.getByTestId("explain-button").click();
    await this.waitForExplanation();
  }

  async waitForExplanation(): Promise<void> {
    await expect(this.explanation).toBeVisible();
    await expect(this.explanation).toHaveAttribute("data-busy", "false");
  }

  column(pooling: string): Locator {
    return this.explanation.locator(`[data-testid="explanation-column"][data-pooling="${pooling}"]`);
  }

  /** The contributions of one side's tokens in one explanation column. */
  async contributions(column: Locator, side: "query" | "entry"): Promise<number[]> {
    const values = await column.locator(`[data-testid="token-heatmap"][data-side="${side}"] [data-testid="heat-token"]`).evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-contribution") ?? ""));
    return values.filter((v) => v !== "").map(Number);
  }

  async drawMap(method: "pca" | "umap"): Promise<void> {
    await this.mapPanel.getByTestId("map-method").selectOption(method);
    await this.mapPanel.getByTestId("map-draw").click();
    await expect(this.mapPanel.getByTestId("scatter-map").first()).toBeVisible();
    await expect(this.mapPanel).toHaveAttribute("data-busy", "false");
  }
}
