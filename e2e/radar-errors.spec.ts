/**
 * Error UI: the server's failures are faked with page.route (the only mocks in the browser tests), to check the
 * radar says what went wrong plainly, shows no stack trace, and never loses the typed knowledge base.
 */
import { expect, FAQ, test } from "./fixtures";

test("a refused knowledge base shows the server's message and keeps the text", async ({ radar, page }) => {
  await page.route("**/api/kb", (route) =>
    route.fulfill({
      status: 413,
      json: { error: { code: "too_large", message: "The request body is too large: expected at most 10.0 MB, got 12.3 MB." } },
    }),
  );
  await radar.setKnowledgeBase(FAQ);
  await radar.queryInput.fill("refunds");
  await radar.queryInput.press("Enter");
  await expect(radar.error).toHaveText(/expected at most 10\.0 MB, got 12\.3 MB/);
  await radar.expectKnowledgeBase(FAQ.join("\n"));
});

test("an error event in the progress stream is shown as a message", async ({ radar, page }) => {
  await page.route("**/api/kb", (route) =>
    route.fulfill({
      status: 200,
      contentType: "application/x-ndjson",
      body: `${JSON.stringify({ type: "progress", done: 0, total: 6 })}\n${JSON.stringify({ type: "error", error: { code: "overloaded", message: "The engine already has 32 jobs in flight; try again shortly." } })}\n`,
    }),
  );
  await radar.setKnowledgeBase(FAQ);
  await radar.queryInput.fill("refunds");
  await radar.queryInput.press("Enter");
  await expect(radar.error).toContainText("try again shortly");
});

test("a crash page from the server becomes a plain sentence, never a stack trace", async ({ radar, page }) => {
  await page.route("**/api/search", (route) =>
    route.fulfill({ status: 500, contentType: "text/html", body: "<pre>TypeError: x is undefined\n    at search (lib/kb/search-kb.ts:41:7)</pre>" }),
  );
  await radar.setKnowledgeBase(FAQ);
  await radar.queryInput.fill("refunds");
  await radar.queryInput.press("Enter");
  await expect(radar.error).toContainText("The server answered 500");
  await expect(radar.error).not.toContainText("TypeError");
  await expect(radar.error).not.toContainText("search-kb.ts");
  await radar.expectKnowledgeBase(FAQ.join("\n"));
});

test("a lost connection says so and keeps the knowledge base", async ({ radar, page }) => {
  await page.route("**/api/search", (route) => route.abort("connectionrefused"));
  await radar.setKnowledgeBase(FAQ);
  await radar.queryInput.fill("refunds");
  await radar.queryInput.press("Enter");
  await expect(radar.error).toContainText("Could not reach the radar server");
  await radar.expectKnowledgeBase(FAQ.join("\n"));
});

test("a model that fails to load says why and offers to try again", async ({ page }) => {
  await page.route("**/api/status**", async (route) => {
    const response = await route.fetch();
    const status = await response.json();
    status.engines = status.engines.map((engine: { modelId: string }) =>
      engine.modelId === status.defaultModel ? { modelId: engine.modelId, status: "failed", error: "models/all-MiniLM-L6-v2/onnx/model.onnx is not a valid ONNX graph" } : engine,
    );
    await route.fulfill({ response, json: status });
  });
  await page.goto("/");
  const card = page.getByTestId("engine-status");
  await expect(card).toHaveAttribute("data-status", "failed");
  await expect(card).toContainText("is not a valid ONNX graph");
  await expect(card.getByRole("button", { name: "Try again" })).toBeVisible();
});

test("a model folder the server cannot read is listed, disabled, with the reason", async ({ radar, page }) => {
  await page.route("**/api/status**", async (route) => {
    const response = await route.fetch();
    const body = await response.json();
    await route.fulfill({ response, json: { ...body, broken: [{ id: "bad-json", reason: "bad-json/config.json is not valid JSON: Unexpected token o" }] } });
  });
  await page.reload();
  const option = radar.page.getByTestId("model-picker").locator("option", { hasText: "bad-json" });
  await expect(option).toBeDisabled();
  await radar.page.getByTestId("broken-models").locator("summary").click();
  await expect(radar.page.getByTestId("broken-models")).toContainText("bad-json/config.json is not valid JSON");
  await expect(radar.page.getByTestId("model-picker")).toHaveValue("all-MiniLM-L6-v2");
});
