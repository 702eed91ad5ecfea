/** Saved knowledge bases, shareable links and result exports, against the real default model and a real embedded database. */
import { readFile } from "node:fs/promises";
import { expect, FAQ, PASSWORD_QUESTION, test } from "./fixtures";
import { LibraryPanel } from "./pages/library-panel";
import { RadarPage } from "./pages/radar-page";

test("a searched knowledge base is saved only when named: renamed, reopened from the picker, deleted", async ({ radar, page }) => {
  const library = new LibraryPanel(page);
  await radar.setKnowledgeBase(FAQ);
  await radar.search(PASSWORD_QUESTION);
  const kbId = new URL(page.url()).searchParams.get("kb")!;
  expect(kbId).toMatch(/^kb_[0-9a-f]{24}$/);
  const item = library.item(kbId);
  // Searching alone lists nothing; the save form offers to keep it.
  await expect(page.getByTestId("library-save")).toBeVisible();
  await expect(item).toHaveCount(0);
  await library.save("FAQ draft");
  await expect(item).toContainText(`${FAQ.length} entries · all-MiniLM-L6-v2`);
  await expect(page.getByTestId("library-save")).toHaveCount(0);
  await library.rename(kbId, "Support FAQ");

  // Open it again after the editor changed: the entries come back and it is searched without embedding.
  await radar.setKnowledgeBase(["something else entirely"]);
  await item.getByRole("button", { name: "Open Support FAQ" }).click();
  await radar.expectKnowledgeBase(FAQ.join("\n"));
  await radar.waitForResults(PASSWORD_QUESTION);
  expect((await radar.rowTexts())[0]).toBe(FAQ[0]);

  await library.remove(kbId);
  await expect(library.panel).not.toContainText("Support FAQ");
});

test("a shareable link opens the knowledge base with its query searched; the URL follows searches", async ({ radar, page, context, browser }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const library = new LibraryPanel(page);
  await radar.setKnowledgeBase(FAQ);
  await radar.search(PASSWORD_QUESTION);
  await radar.search("Do you ship to Europe?");
  const url = new URL(page.url());
  expect(url.searchParams.get("q")).toBe("Do you ship to Europe?");
  expect(url.searchParams.get("model")).toBe("all-MiniLM-L6-v2");
  expect(url.searchParams.get("pooling")).toBe("mean");

  await library.copyLink.click();
  await expect(library.copyStatus).toHaveText("Link copied.");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(page.url());

  // Someone else, in a fresh browser with nothing saved locally, opens the link.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  const visitor = new RadarPage(otherPage);
  await otherPage.goto(copied);
  await visitor.waitForResults("Do you ship to Europe?");
  await visitor.expectKnowledgeBase(FAQ.join("\n"));
  expect((await visitor.rowTexts())[0]).toBe(FAQ[1]);
  await other.close();
});

test("a link to a knowledge base that no longer exists says so and keeps the page usable", async ({ page }) => {
  const radar = new RadarPage(page);
  await page.goto("/?kb=kb_000000000000000000000000&q=hello");
  await expect(radar.error).toContainText('The knowledge base "kb_000000000000000000000000" in this link no longer exists');
  await radar.waitForEngine();
  await radar.setKnowledgeBase(FAQ);
  await radar.search(PASSWORD_QUESTION);
  expect((await radar.rowTexts())[0]).toBe(FAQ[0]);
});

test("the ranked results download as CSV and JSON", async ({ radar, page }) => {
  await radar.setKnowledgeBase(FAQ);
  await radar.search(PASSWORD_QUESTION);
  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
  expect(csv.suggestedFilename()).toBe("radar-how-do-i-change-my-password.csv");
  const lines = (await readFile(await csv.path(), "utf8")).trim().split("\r\n");
  expect(lines[0]).toBe("query,pooling,rank,score,index,text,approximate,layer,correction,precision");
  // The entry has a comma, so CSV quotes it.
  expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${PASSWORD_QUESTION.replace("?", "\\?")},mean,1,0\\.\\d{6},0,"${FAQ[0]}",false,6,none,float32$`)));
  const [json] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-json").click()]);
  const body = JSON.parse(await readFile(await json.path(), "utf8"));
  expect(body).toMatchObject({ query: PASSWORD_QUESTION, model: "all-MiniLM-L6-v2", approximate: false, layer: "6", correction: "none", precision: "float32" });
  expect(body.results.mean[0].text).toBe(FAQ[0]);
});

test("approximate results are labelled as such", async ({ radar, page }) => {
  // The real answer, marked as a big knowledge base's would be (HNSW search is covered by the API tests).
  await page.route("**/api/search", async (route) => {
    const response = await route.fetch();
    await route.fulfill({ response, json: { ...(await response.json()), approximate: true, histograms: {} } });
  });
  await radar.setKnowledgeBase(FAQ);
  await radar.search(PASSWORD_QUESTION);
  await expect(page.getByTestId("approximate-badge")).toHaveText("Approximate search (HNSW index)");
});

test("importing a file that is not an export says so in plain words, in the page's language", async ({ radar, page }) => {
  await radar.waitForResults(await radar.queryInput.inputValue());
  const importFile = (name: string, text: string) => page.getByTestId("library-import").setInputFiles({ name, mimeType: "application/json", buffer: Buffer.from(text) });
  await importFile("scenarios.json", JSON.stringify({ format: "semantic-radar/lab-scenarios", scenarios: [] }));
  await expect(page.getByTestId("library-error")).toContainText('This file is not a Semantic Radar export: its format is "semantic-radar/lab-scenarios", not "semantic-radar-kb".');
  await importFile("notes.json", "id,text\n1,hello");
  await expect(page.getByTestId("library-error")).toContainText("This file is not a Semantic Radar export: it is not JSON text.");
  await expect(page.getByTestId("library-error")).not.toContainText("`");

  await page.getByTestId("locale-switch").click();
  await importFile("list.json", "[1, 2]");
  await expect(page.getByTestId("library-error")).toContainText('这个文件不是语义雷达的导出文件：它没有 "format": "semantic-radar-kb" 字段');
});
