/** Editing, importing and keeping the knowledge base, against the real default model: no mocks. */
import { expect, FAQ, PASSWORD_QUESTION, test } from "./fixtures";

test("an empty knowledge base gets a helpful message, not a request", async ({ radar, page }) => {
  await radar.fillKnowledgeBase("\n   \n---\n");
  await expect(page.getByTestId("cleaning-report")).toContainText("0 entries");
  await radar.queryInput.fill("anything");
  await radar.queryInput.press("Enter");
  await expect(radar.error).toContainText("The knowledge base is empty: paste one entry per line, import a .txt or .csv file");
  // What the person typed is still there.
  await radar.expectKnowledgeBase("\n   \n---\n");
});

test("an empty query asks for one", async ({ radar }) => {
  await radar.queryInput.fill("   ");
  await radar.queryInput.press("Enter");
  await expect(radar.error).toContainText("Type a query first");
});

test("the cleaning report counts blank, symbol-only and duplicate lines before embedding", async ({ radar, page }) => {
  await radar.fillKnowledgeBase(["first entry", "", "***", "first entry", "second entry"].join("\n"));
  await expect(page.getByTestId("cleaning-report")).toContainText(
    "2 entries (1 blank line, 1 line of only symbols, 1 duplicate removed) will be embedded.",
  );
});

test("a .csv import picks the text column and its entries can be searched", async ({ radar, page }) => {
  const csv = ["id,question,answer_len", ...FAQ.map((text, i) => `${i + 1},"${text}",${text.length}`)].join("\n");
  await page.getByTestId("kb-file").setInputFiles({ name: "faq.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  const dialog = page.getByTestId("csv-import");
  await expect(dialog).toContainText(`faq.csv: ${FAQ.length} rows, 3 columns`);
  await expect(page.getByTestId("csv-column")).toHaveValue("1"); // "question" is the longest-text column
  await expect(page.getByTestId("csv-header")).toBeChecked();
  await page.getByTestId("csv-confirm").click();
  await radar.expectKnowledgeBase(FAQ.join("\n"));
  await expect(page.getByTestId("kb-notice")).toContainText("Imported faq.csv.");

  await radar.search(PASSWORD_QUESTION);
  expect((await radar.rowTexts())[0]).toBe(FAQ[0]);
});

test("an import can be undone, giving back what was typed", async ({ radar, page }) => {
  await radar.fillKnowledgeBase("my own precious entry");
  await page.getByTestId("kb-file").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("imported line") });
  await radar.expectKnowledgeBase("imported line");
  await page.getByTestId("kb-notice").getByRole("button", { name: "Undo" }).click();
  await radar.expectKnowledgeBase("my own precious entry");
});

test("a reload keeps the knowledge base, the query and the settings", async ({ radar, page }) => {
  await radar.setKnowledgeBase(FAQ);
  await radar.search(PASSWORD_QUESTION);
  await radar.setThreshold(0.3);
  await radar.choosePooling("cls");
  await page.reload();
  await radar.waitForEngine();
  await radar.expectKnowledgeBase(FAQ.join("\n"));
  await expect(radar.queryInput).toHaveValue(PASSWORD_QUESTION);
  await expect(page.getByTestId("threshold-value")).toHaveText("0.30");
  await expect(page.getByTestId("pooling-cls")).toBeChecked();
  // The results come back by themselves, for the kept knowledge base.
  await radar.waitForResults(PASSWORD_QUESTION);
  expect((await radar.rowTexts())[0]).toBe(FAQ[0]);

  // The address bar names the last search's knowledge base; a reload still keeps what the editor holds since.
  expect(new URL(page.url()).searchParams.get("kb")).toMatch(/^kb_/);
  await radar.setKnowledgeBase([...FAQ, "An entry added after the search."]);
  await page.reload();
  await radar.waitForEngine();
  await radar.expectKnowledgeBase([...FAQ, "An entry added after the search."].join("\n"));
});

test("embedding shows streamed progress and Cancel stops it, keeping the knowledge base", async ({ radar, page }) => {
  const topics = ["weather", "cooking", "football", "banking", "gardening", "astronomy", "music", "travel"];
  const lines = Array.from({ length: 20_000 }, (_, i) => `Note ${i}: a remark about ${topics[i % topics.length]} and item number ${i * 13}.`);
  // A file import, as a person would bring a knowledge base this size (typing 1 MB into a textarea is slow).
  await page.getByTestId("kb-file").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from(lines.join("\n")) });
  await expect(page.getByTestId("cleaning-report")).toContainText("20,000 entries");
  await radar.queryInput.fill("space telescopes");
  await radar.queryInput.press("Enter");
  const bar = radar.progress.getByRole("progressbar");
  await expect(radar.progress).toContainText(/Embedding the knowledge base: [\d,]+ of 20,000 entries/);
  await expect.poll(async () => Number(await bar.getAttribute("aria-valuenow"))).toBeGreaterThan(0);
  await page.getByTestId("cancel-button").click();
  // Cancel is the person's own doing: a neutral notice, not a red error.
  await expect(radar.notice).toContainText("Cancelled. Your knowledge base is unchanged");
  await expect(radar.notice).toHaveAttribute("role", "status");
  await expect(radar.error).toHaveCount(0);
  await expect(radar.progress).toBeHidden();
  await radar.expectKnowledgeBase(lines.join("\n"));

  // The radar is usable right away (the server-side stop itself is tested in app/api/kb/route.test.ts).
  await radar.setKnowledgeBase(FAQ);
  await radar.search(PASSWORD_QUESTION);
  expect((await radar.rowTexts())[0]).toBe(FAQ[0]);
});

test("the radar works by keyboard and has a large-type mode that survives a reload", async ({ radar, page }) => {
  await radar.setKnowledgeBase(FAQ);
  await radar.queryInput.focus();
  await page.keyboard.press("ControlOrMeta+A");
  await page.keyboard.type("refund timing");
  await page.keyboard.press("Enter");
  await radar.waitForResults("refund timing");
  expect((await radar.rowTexts())[0]).toBe(FAQ[5]);

  // Arrow keys move between the pooling radios.
  await page.getByTestId("pooling-mean").focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByTestId("pooling-last_token")).toBeChecked();

  await page.getByTestId("large-type-toggle").click();
  await expect(page.locator("html")).toHaveAttribute("data-large-type", "true");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-large-type", "true");
});
