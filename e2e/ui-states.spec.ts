/**
 * The page says what is true: the server going away, a long entry and its truncation, compared charts on one axis,
 * the colour scheme and the Lab's choices surviving a reload. The only fake is the lost server (page.route).
 */
import { expect, FAQ, test } from "./fixtures";

test("the status card says when the server cannot be reached, and recovers when it answers again", async ({ radar, page }) => {
  await expect(radar.engineStatus).toContainText("Vector space ready");
  await expect(radar.engineStatus.locator('[lang="zh"]')).toHaveText("向量空间已展开");
  await page.route("**/api/status**", (route) => route.abort("connectionrefused"));
  await expect(radar.engineStatus).toHaveAttribute("data-status", "unreachable", { timeout: 15_000 });
  await expect(radar.engineStatus).toContainText("Server unreachable");
  await expect(radar.engineStatus).toContainText("Could not reach the radar server");
  await page.unroute("**/api/status**");
  await expect(radar.engineStatus).toHaveAttribute("data-status", "ready", { timeout: 15_000 });
});

test("a long entry is clamped with Show more and tagged with the tokens the model kept", async ({ radar, page }) => {
  const words = ["password", "account", "settings", "security", "login", "reset", "email", "link"];
  const long = `Password help: ${Array.from({ length: 400 }, (_, i) => words[i % words.length]).join(" ")}.`;
  await radar.setKnowledgeBase([...FAQ, long]);
  await radar.search("password reset link by email");
  const row = radar.rows.filter({ hasText: "Password help:" });
  await expect(row.getByTestId("truncated-tag")).toHaveText(/^truncated at \d+ tokens$/);
  const text = row.getByTestId("result-text");
  const clamped = (await text.boundingBox())!.height;
  const more = row.getByTestId("show-more");
  await expect(more).toHaveAttribute("aria-expanded", "false");
  await more.click();
  await expect(more).toHaveAttribute("aria-expanded", "true");
  expect((await text.boundingBox())!.height).toBeGreaterThan(clamped * 3);
  // An entry inside the token window carries no tag.
  await expect(radar.rows.filter({ hasText: FAQ[0] }).getByTestId("truncated-tag")).toHaveCount(0);
});

test("side-by-side histograms share one x-axis", async ({ radar, page }) => {
  await radar.waitForResults(await radar.queryInput.inputValue());
  await radar.choosePooling("side_by_side");
  const charts = page.getByTestId("histogram-chart");
  await expect(charts).toHaveCount(2);
  const [left, right] = await charts.evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-domain")));
  expect(left).toBe(right);
  // The threshold is named in each caption, clear of the axes.
  await expect(page.getByTestId("histogram-threshold").first()).toHaveText("threshold 0.40");
});

test("dark mode follows the system, and the toggle's choice survives a reload", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/");
  const html = page.locator("html");
  await expect(html).toHaveClass(/\bdark\b/);
  const toggle = page.getByTestId("theme-toggle");
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await toggle.click();
  await expect(html).not.toHaveClass(/\bdark\b/);
  await page.reload();
  // Set before first paint: no flash of the other scheme, and the stored choice beats the system's.
  await expect(html).not.toHaveClass(/\bdark\b/);
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await toggle.click();
  await expect.poll(() => page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe(background);
});

test("the Lab keeps its model and scenario choices across a reload", async ({ page }) => {
  await page.goto("/lab");
  await expect(page.getByTestId("lab-table")).toBeVisible();
  await page.getByTestId("lab-model").selectOption("bge-small-en-v1.5");
  await page.getByTestId("lab-scenarios").selectOption("zh");
  await page.reload();
  await expect(page.getByTestId("lab-model")).toHaveValue("bge-small-en-v1.5");
  await expect(page.getByTestId("lab-scenarios")).toHaveValue("zh");
  // The run on arrival is the one chosen, not the default.
  await expect(page.locator("#lab-table-title")).toContainText("bge-small-en-v1.5 · scenarios zh");
});
