/** The radar against the real default model (all-MiniLM-L6-v2): no mocks. */
import { fileURLToPath } from "node:url";
import { expect, FAQ, PASSWORD_QUESTION, test } from "./fixtures";

const ARTIFACTS = fileURLToPath(new URL("./artifacts/", import.meta.url));

test("a first visit shows the loaded model and results for the example knowledge base at once", async ({ radar, page }, testInfo) => {
  await expect(radar.engineStatus).toContainText("向量空间已展开");
  await expect(page.getByTestId("engine-model")).toHaveText("all-MiniLM-L6-v2");
  await expect(page.getByTestId("engine-device")).toContainText("cpu");
  await expect(page.getByTestId("engine-dims")).toHaveText("384");
  // The example knowledge base is preloaded and searched without typing anything.
  await radar.expectKnowledgeBase(/My stomach is growling/);
  await radar.waitForResults(await radar.queryInput.inputValue());
  await expect(radar.rows).toHaveCount(10);
  await expect(page.getByTestId("cleaning-report")).toContainText("24 entries");
  // Mean is this model's native pooling: the default view, labelled native.
  await expect(page.getByTestId("pooling-mean")).toBeChecked();
  await expect(page.locator("label", { has: page.getByTestId("pooling-mean") }).getByTestId("native-badge")).toBeVisible();
  await expect(page.getByTestId("score-histogram")).toBeVisible();

  const screenshot = await page.screenshot({ path: `${ARTIFACTS}radar-results.png`, fullPage: true });
  await testInfo.attach("radar-results", { body: screenshot, contentType: "image/png" });
});

test("a pasted knowledge base is searched with Enter: the expected entry ranks first, in green", async ({ radar }) => {
  await radar.setKnowledgeBase(FAQ);
  await radar.search(PASSWORD_QUESTION);
  expect((await radar.rowTexts())[0]).toBe(FAQ[0]);
  const first = radar.rows.first();
  await expect(first).toHaveAttribute("data-above-threshold", "true");
  await expect(first.getByTestId("result-rank")).toHaveText("1");
  expect(await radar.scoreOf(FAQ[0])).toBeGreaterThan(0.4);
  // Everything below the expected entry scores lower, and the rest of this FAQ is not about passwords.
  await expect(radar.greenRows()).toHaveCount(1);
});

test("moving the threshold changes which rows are green", async ({ radar }) => {
  // The example knowledge base: its 24 scores spread from unrelated to medium, so each threshold splits them.
  await radar.waitForResults(await radar.queryInput.inputValue());
  const scores = (await radar.page.getByTestId("result-score").allInnerTexts()).map(Number);
  const countAbove = (t: number) => scores.filter((s) => s >= t).length;

  for (const threshold of [0.4, 0.2, 0.95]) {
    await radar.setThreshold(threshold);
    await expect(radar.greenRows()).toHaveCount(countAbove(threshold));
  }
  expect(countAbove(0.2)).toBeGreaterThan(countAbove(0.4));
  expect(countAbove(0.4)).toBeGreaterThan(0);
  expect(countAbove(0.95)).toBe(0);
});

test("switching pooling changes the scores", async ({ radar }) => {
  await radar.setKnowledgeBase(FAQ);
  await radar.search(PASSWORD_QUESTION);
  const mean = await radar.scoreOf(FAQ[0]);
  await radar.choosePooling("cls");
  await expect(radar.column("cls")).toBeVisible();
  const cls = await radar.scoreOf(FAQ[0]);
  await radar.choosePooling("last_token");
  const lastToken = await radar.scoreOf(FAQ[0], radar.column("last_token"));
  expect(cls).not.toBeCloseTo(mean, 3);
  expect(lastToken).not.toBeCloseTo(mean, 3);
});

test("side by side shows two ranked columns with each entry's rank change", async ({ radar, page }) => {
  await radar.setKnowledgeBase(FAQ);
  await radar.search(PASSWORD_QUESTION);
  await radar.choosePooling("side_by_side");
  await expect(page.getByTestId("result-column")).toHaveCount(2);
  await expect(radar.column("cls")).toBeVisible();
  await expect(radar.column("mean")).toBeVisible();
  for (const pooling of ["cls", "mean"]) {
    const column = radar.column(pooling);
    await expect(column.getByTestId("result-row")).toHaveCount(FAQ.length);
    await expect(column.getByTestId("rank-change")).toHaveCount(FAQ.length);
  }
  // A rank change is the other column's rank minus this one's, by text.
  const clsTexts = await radar.rowTexts(radar.column("cls"));
  const meanTexts = await radar.rowTexts(radar.column("mean"));
  const changes = await radar.column("mean").getByTestId("rank-change").allInnerTexts();
  changes.forEach((label, meanIndex) => {
    const delta = clsTexts.indexOf(meanTexts[meanIndex]) - meanIndex;
    expect(label).toContain(delta === 0 ? "=" : `${delta > 0 ? "▲" : "▼"} ${Math.abs(delta)}`);
  });
});

test("searching again with an unchanged knowledge base does not embed it again", async ({ radar, page }) => {
  await radar.setKnowledgeBase(FAQ);
  await radar.search(PASSWORD_QUESTION);
  const kbPosts: string[] = [];
  page.on("request", (request) => {
    if (request.url().endsWith("/api/kb") && request.method() === "POST") kbPosts.push(request.url());
  });
  await radar.search("When will my parcel arrive?");
  expect((await radar.rowTexts())[0]).toBe(FAQ[1]);
  await radar.search("Can I pay by card?");
  expect(kbPosts).toHaveLength(0);
});

test("the Chinese model gets the article's Chinese examples and ranks Chinese text", async ({ radar, page }) => {
  await radar.chooseModel("bge-small-zh-v1.5");
  await radar.waitForEngine();
  await radar.expectKnowledgeBase(/肚子咕咕叫/);
  // CLS is this model's native pooling.
  await expect(page.getByTestId("pooling-cls")).toBeChecked();
  await radar.search("买了三本书");
  expect((await radar.rowTexts())[0]).toBe("购入一批读物");
});
