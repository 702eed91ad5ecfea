/**
 * The radar's Matryoshka control, against the real server: a model folder that declares cuts is added to the
 * server's models folder for this file (all-MiniLM-L6-v2's weights, linked: testing/matryoshka-model.ts) and
 * removed after it. The control shows only for that model; a cut re-ranks, and each score shown is the cosine of
 * the cut vectors the OpenAI route gives for the same texts.
 */
import { resolve } from "node:path";
import { expect, FAQ, PASSWORD_QUESTION, test } from "./fixtures";
import { makeMatryoshkaModel, removeModel } from "../testing/matryoshka-model";
import { E2E_API_KEY } from "./keys";

// The server runs with SEMANTIC_RADAR_API_KEY: the OpenAI route is asked with it.
test.use({ extraHTTPHeaders: { authorization: `Bearer ${E2E_API_KEY}` } });

const ID = "minilm-matryoshka-e2e";
// The server's models folder: the browser tests' own (playwright.config.ts), else the project's.
const MODELS = process.env.RADAR_E2E_MODELS_DIR ?? resolve("models");
const dir = resolve(MODELS, ID);

test.beforeAll(async ({ request }) => {
  makeMatryoshkaModel(MODELS, ID);
  expect((await request.get("/api/status?rescan=1")).status()).toBe(200);
});

test.afterAll(async ({ request }) => {
  removeModel(dir);
  await request.get("/api/status?rescan=1");
});

async function cutVectors(request: import("@playwright/test").APIRequestContext, input: string[], input_type: "query" | "document"): Promise<number[][]> {
  const response = await request.post("/v1/embeddings", { data: { model: ID, input, input_type, dimensions: 64, encoding_format: "float" } });
  expect(response.status()).toBe(200);
  return ((await response.json()).data as { embedding: number[] }[]).map((d) => d.embedding);
}

test("a model that declares Matryoshka cuts gets a Dimensions control; a cut re-ranks and is labelled, in both languages", async ({ radar, page, request }) => {
  await radar.setKnowledgeBase(FAQ);
  await radar.queryInput.fill(PASSWORD_QUESTION);
  await radar.openSettings();
  await expect(page.getByTestId("dimensions")).toHaveCount(0); // all-MiniLM-L6-v2 declares none
  await radar.chooseModel(ID);
  await radar.waitForEngine();
  await radar.search(PASSWORD_QUESTION);
  await expect(page.getByTestId("dimensions-note")).toHaveCount(0);

  const control = page.getByTestId("dimensions");
  await expect(control).toHaveValue("384");
  await expect(control.locator("option")).toHaveText(["All 384 (full)", "First 256 of 384", "First 128 of 384", "First 64 of 384", "First 32 of 384"]);
  await control.selectOption("64");
  await expect(page.getByTestId("dimensions-note")).toContainText("Scores on the first 64 of 384 dimensions");
  await radar.waitForResults(PASSWORD_QUESTION);

  const [query] = await cutVectors(request, [PASSWORD_QUESTION], "query");
  const docs = await cutVectors(request, FAQ, "document");
  const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i], 0);
  const expected = FAQ.map((entry, i) => ({ entry, score: cosine(query, docs[i]) })).sort((a, b) => b.score - a.score);
  expect(await radar.rowTexts()).toEqual(expected.map((e) => e.entry));
  for (const { entry, score } of expected) expect(await radar.scoreOf(entry)).toBeCloseTo(score, 3);
  // Why? explains full-size cosines, so it is not offered on a cut.
  await expect(page.getByTestId("explain-button")).toHaveCount(0);

  await page.getByTestId("locale-switch").click();
  await expect(page.getByTestId("dimensions-note")).toContainText("分数基于前 64 维（共 384 维");
  await expect(control.locator("option").first()).toHaveText("全部 384 维（完整）");

  // Back to a model without cuts: no control, full-size scores.
  await radar.chooseModel("all-MiniLM-L6-v2");
  await expect(control).toHaveCount(0);
  await radar.search(PASSWORD_QUESTION);
  await expect(page.getByTestId("dimensions-note")).toHaveCount(0);
});
