import AxeBuilder from "@axe-core/playwright";
import { test, expect } from "./fixtures";

/** A two-page handbook, printed to PDF by this chromium: the test makes its own document. */
const HANDBOOK_HTML = `<!doctype html><html><body style="font-family: sans-serif">
<h1>Returns and refunds</h1>
<p>You can return any item within thirty days of delivery for a full refund.</p>
<p>Refunds reach your card within five business days.</p>
<div style="page-break-before: always"></div>
<h1>Shipping</h1>
<p>Parcels to Europe take five to seven days and are tracked all the way.</p>
<p>Shipping is free for orders above fifty euros.</p>
</body></html>`;

test.describe("documents", () => {
  test("a PDF printed by chromium: chunks shaded in place, the best hit on page 2, linked to its page", async ({ page, browser }) => {
    const printer = await browser.newPage();
    await printer.setContent(HANDBOOK_HTML);
    const pdf = await printer.pdf({ format: "A5" });
    await printer.close();

    await page.goto("/documents");
    await page.getByTestId("document-file").setInputFiles({ name: "handbook.pdf", mimeType: "application/pdf", buffer: pdf });
    await expect(page.getByTestId("document-file-name")).toContainText("handbook.pdf");
    await page.getByTestId("chunking-a-method").selectOption("paragraphs");
    await page.getByTestId("document-query").fill("How long does delivery to Europe take?");
    await page.getByTestId("document-search").click();

    const panel = page.getByTestId("chunking-panel");
    await expect(panel.getByTestId("document-hit").first()).toBeVisible();
    await expect(panel.getByTestId("chunk-report")).toHaveAttribute("data-count", "6");
    // The chunk about Europe is the best match and sits on page 2 of the PDF.
    const best = panel.getByTestId("document-hit").first();
    await expect(best).toContainText("Parcels to Europe take five to seven days");
    await expect(best.getByTestId("hit-page")).toHaveText("p. 2");
    await expect(page.getByTestId("page-marker")).toHaveText(["p. 1", "p. 2"]);
    // Its span in the document view is shaded with the band its score falls in, the same scale as the radar's.
    const index = await best.getAttribute("data-index");
    const chunk = page.locator(`[data-testid="doc-chunk"][data-index="${index}"]`).first();
    await expect(chunk).toHaveText("Parcels to Europe take five to seven days and are tracked all the way.");
    await expect(chunk).not.toHaveAttribute("data-band", "");
    const score = Number(await best.getByTestId("hit-score").innerText());
    expect(Number(await chunk.getAttribute("data-score"))).toBeCloseTo(score, 4);

    // Keyword search lists only chunks sharing a word, and marks them in the text (no shading on BM25's scale).
    await panel.getByTestId("list-kind-keyword").check();
    await expect(panel.locator('[data-testid="document-hits"][data-kind="keyword"]')).toBeVisible();
    await expect(page.locator('[data-testid="doc-chunk"][data-marked="1"]')).toHaveCount(1);

    // The address bar now links to this view: opened fresh, it shows the same document and hits.
    const link = new URL(page.url());
    expect(link.pathname).toBe("/documents");
    await page.goto(`${link.pathname}${link.search}`);
    await expect(page.getByTestId("document-hit").first()).toContainText("Parcels to Europe");
    await expect(page.getByTestId("page-marker")).toHaveText(["p. 1", "p. 2"]);
  });

  test("Cancel keeps what was embedded, and searching again resumes", async ({ page }) => {
    const sentences = Array.from({ length: 1500 }, (_, i) => `Sentence ${i} tells about topic number ${i % 37} in a few plain words.`).join(" ");
    await page.goto("/documents");
    await page.getByTestId("document-text").fill(sentences);
    await page.getByTestId("chunking-a-method").selectOption("sentences");
    await page.getByTestId("document-query").fill("topic number 5");
    await page.getByTestId("document-search").click();
    const progress = page.getByTestId("document-progress");
    // Past the first slice of 256 sentences, with an estimate of the time left.
    await expect(progress).toContainText(/Embedding (2[6-9]\d|[3-9]\d\d|1,\d{3}) of 1,500 chunks/, { timeout: 120_000 });
    await expect(progress).toContainText(/left/);
    await page.getByTestId("document-cancel").click();
    await expect(page.getByTestId("document-error")).toContainText("Cancelled. What was embedded is kept");

    await page.getByTestId("document-search").click();
    await expect(page.getByTestId("resumed")).toContainText(/Resumed: \d[\d,]* chunks were kept/, { timeout: 120_000 });
    await expect(page.getByTestId("document-hit").first()).toBeVisible();
  });
});

test.describe("a table in a Chinese browser", () => {
  test.use({ locale: "zh-CN" });

  test("a CSV's other columns show with each hit and filter the search; a quoted cell over two lines stays one row; the link keeps the filter", async ({ page }) => {
    const csv = [
      "text,category,id",
      '"苹果是一种很好吃的水果。\n每天吃一个苹果。",食物,1',
      "苹果公司发布了新款手机。,科技,2",
      "我想吃点东西。,食物,3",
      "这款手机的电池很耐用。,科技,4",
      "香蕉和苹果都是水果。,食物,5",
    ].join("\n");
    await page.goto("/documents");
    await expect(page.getByRole("heading", { name: "在文档中搜索" })).toBeVisible();
    await page.getByTestId("document-file").setInputFiles({ name: "水果.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await page.getByTestId("chunking-a-method").selectOption("paragraphs");
    await page.getByTestId("document-query").fill("苹果");
    await page.getByTestId("document-search").click();

    const panel = page.getByTestId("chunking-panel");
    await expect(panel.getByTestId("chunk-report")).toHaveAttribute("data-count", "5");
    await expect(panel.getByTestId("document-hit")).toHaveCount(5);
    await expect(panel.getByTestId("document-hit").filter({ hasText: "每天吃一个苹果" })).toContainText("苹果是一种很好吃的水果");
    // Each hit carries its row's other columns; only a column with a few repeated values is offered as a filter.
    await expect(panel.getByTestId("hit-metadata").first()).toContainText(/category: (食物|科技) · id: \d/);
    await expect(page.getByTestId("filter-id")).toHaveCount(0);
    await page.getByTestId("filter-category").selectOption("食物");
    await expect(page.getByTestId("filtered-count")).toContainText("3 行符合筛选条件");
    await expect(panel.getByTestId("document-hit")).toHaveCount(3);
    for (const text of await panel.getByTestId("hit-metadata").allInnerTexts()) expect(text).toContain("category: 食物");
    // The keyword list under the filter: rows with 苹果 among the food rows only.
    await panel.getByTestId("list-kind-keyword").check();
    await expect(panel.getByTestId("document-hit")).toHaveCount(2);

    // The page with its results, filter and lists: no serious or critical accessibility violation.
    const { violations } = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
    expect(violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

    await expect(page).toHaveURL(/where\.category=/);
    await page.reload();
    await expect(page.getByTestId("filter-category")).toHaveValue("食物");
    await expect(page.getByTestId("chunking-panel").getByTestId("document-hit")).toHaveCount(3);
  });
});

test("the radar's side-by-side view shows keyword (BM25) beside semantic: 苹果 finds only entries with 苹果", async ({ radar, page }) => {
  await radar.setKnowledgeBase(["苹果是一种很好吃的水果", "苹果公司发布了新款手机", "我想吃点东西", "今天天气很好，适合去公园散步", "香蕉和苹果都是水果"]);
  await radar.choosePooling("side_by_side");
  await radar.search("苹果");
  await radar.waitForResults("苹果");
  const column = page.getByTestId("keyword-column");
  await expect(column.getByTestId("keyword-row")).toHaveCount(3);
  for (const text of await column.getByTestId("keyword-row").allInnerTexts()) expect(text).toContain("苹果");
  // Semantic columns rank every entry, 我想吃点东西 included.
  await expect(page.getByTestId("result-column").first().getByTestId("result-row")).toHaveCount(5);
  await column.getByTestId("keyword-kind-hybrid").check();
  await expect(column.getByTestId("keyword-row")).toHaveCount(5);
});
