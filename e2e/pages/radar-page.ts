import { expect, type Locator, type Page } from "@playwright/test";

export type PoolingView = "cls" | "mean" | "last_token" | "side_by_side";

/** The radar page, by its data-testid hooks; specs say what a person does, this says how. */
export class RadarPage {
  readonly kbEditor: Locator;
  readonly queryInput: Locator;
  readonly results: Locator;
  readonly rows: Locator;
  readonly error: Locator;
  /** A neutral notice (Cancel), not an error. */
  readonly notice: Locator;
  readonly engineStatus: Locator;
  readonly progress: Locator;

  constructor(readonly page: Page) {
    this.kbEditor = page.getByTestId("kb-editor");
    this.queryInput = page.getByTestId("query-input");
    this.results = page.getByTestId("results");
    this.rows = page.getByTestId("result-row");
    this.error = page.getByTestId("error-message");
    this.notice = page.getByTestId("notice-message");
    this.engineStatus = page.getByTestId("engine-status");
    this.progress = page.getByTestId("embed-progress");
  }

  async goto(): Promise<void> {
    await this.page.goto("/");
  }

  async waitForEngine(): Promise<void> {
    await expect(this.engineStatus).toHaveAttribute("data-status", "ready");
  }

  async setKnowledgeBase(lines: readonly string[]): Promise<void> {
    await this.fillKnowledgeBase(lines.join("\n"));
  }

  /**
   * Replaces the knowledge base as a person pasting does: select all, then a paste event carrying the text (the
   * editor, CodeMirror, takes it through its own paste handling; no system clipboard involved).
   */
  async fillKnowledgeBase(text: string): Promise<void> {
    await this.kbEditor.focus();
    await this.page.keyboard.press("ControlOrMeta+a");
    if (text === "") {
      await this.page.keyboard.press("Delete");
      return;
    }
    await this.kbEditor.evaluate((editor, pasted) => {
      const data = new DataTransfer();
      data.setData("text/plain", pasted);
      editor.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
    }, text);
  }

  /** The editor's whole text (it draws only the lines in view; its `value` reads them all). */
  async knowledgeBaseText(): Promise<string> {
    return this.kbEditor.evaluate((editor) => (editor as HTMLElement & { value: string }).value);
  }

  async expectKnowledgeBase(expected: string | RegExp): Promise<void> {
    const poll = expect.poll(() => this.knowledgeBaseText());
    await (typeof expected === "string" ? poll.toBe(expected) : poll.toMatch(expected));
  }

  /** Types the query and presses Enter, then waits until the results are for this query. */
  async search(query: string): Promise<void> {
    await this.queryInput.fill(query);
    await this.queryInput.press("Enter");
    await this.waitForResults(query);
  }

  async waitForResults(query: string): Promise<void> {
    await expect(this.results).toHaveAttribute("data-query", query.trim());
    await expect(this.results).toHaveAttribute("data-busy", "false");
    await expect(this.results).toHaveAttribute("data-stale", "false");
  }

  column(pooling: string): Locator {
    return this.page.locator(`[data-testid="result-column"][data-pooling="${pooling}"]`);
  }

  async rowTexts(scope: Locator = this.page.locator("body")): Promise<string[]> {
    return scope.getByTestId("result-text").allInnerTexts();
  }

  /** Score shown for an entry, by its text. */
  async scoreOf(text: string, scope: Locator = this.page.locator("body")): Promise<number> {
    const row = scope.getByTestId("result-row").filter({ has: this.page.getByTestId("result-text").getByText(text, { exact: true }) });
    return Number(await row.getByTestId("result-score").innerText());
  }

  greenRows(): Locator {
    return this.page.locator('[data-testid="result-row"][data-above-threshold="true"]');
  }

  /** On a phone the settings are folded under one bar: opens it (a no-op on a wide screen, where they always show). */
  async openSettings(): Promise<void> {
    const toggle = this.page.getByTestId("settings-toggle");
    if ((await toggle.isVisible()) && (await toggle.getAttribute("aria-expanded")) === "false") await toggle.click();
  }

  async setThreshold(value: number): Promise<void> {
    await this.page.getByTestId("threshold-slider").fill(String(value));
    await expect(this.page.getByTestId("threshold-value")).toHaveText(value.toFixed(2));
  }

  /** Picks a pooling by keyboard-reachable label (the radio itself is visually hidden). */
  async choosePooling(view: PoolingView): Promise<void> {
    await this.page.locator("label", { has: this.page.getByTestId(`pooling-${view}`) }).click();
    await expect(this.page.getByTestId(`pooling-${view}`)).toBeChecked();
  }

  async chooseModel(id: string): Promise<void> {
    await this.page.getByTestId("model-picker").selectOption(id);
    await expect(this.page.getByTestId("engine-model")).toHaveText(id);
  }
}
