/**
 * A Qwen3-Embedding-shaped model in the radar: the tiny random-weight Qwen3 with a KV cache and external weights
 * (models/tiny/qwen3-tiny-kv, installed for the browser tests). Its vectors mean nothing; what is checked is that
 * it loads, ranks under its native last-token pooling, and that CLS is called what it is on a causal model.
 */
import { expect, FAQ, PASSWORD_QUESTION, test } from "./fixtures";

test("a causal decoder: last token is native, CLS reads First token and says why it is a poor choice", async ({ radar, page }) => {
  await radar.chooseModel("qwen3-tiny-kv");
  await radar.waitForEngine();
  await expect(page.getByTestId("engine-dims")).toHaveText("16");
  await radar.setKnowledgeBase(FAQ);
  await radar.search(PASSWORD_QUESTION);
  await expect(page.getByTestId("pooling-last_token")).toBeChecked();
  await expect(radar.rows).toHaveCount(FAQ.length);
  const cls = page.locator("label", { has: page.getByTestId("pooling-cls") });
  await expect(cls).toHaveText("First token");
  await expect(page.getByTestId("first-token-note")).toHaveCount(0);
  await radar.choosePooling("cls");
  await expect(page.getByTestId("first-token-note")).toHaveText(/^A causal model has no \[CLS\]: its first token sees only itself/);
  await expect(radar.rows).toHaveCount(FAQ.length);
  // Back on an encoder, CLS is CLS again.
  await radar.chooseModel("all-MiniLM-L6-v2");
  await expect(page.locator("label", { has: page.getByTestId("pooling-cls") })).toHaveText("CLS");
});
