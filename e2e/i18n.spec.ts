/**
 * English and 简体中文: the language follows the browser's, a switch changes it and is remembered; the page, its
 * messages and the Lab speak the chosen language; the Lab warns when its scenarios' language does not fit the model.
 * Screenshots of both languages go to e2e/artifacts/ (docs/room.md shows copies kept in e2e/screenshots/).
 */
import { fileURLToPath } from "node:url";
import { expect, FAQ, test } from "./fixtures";
import { RadarPage } from "./pages/radar-page";

// Written to e2e/artifacts/ (ignored) on every run; the copies docs/room.md shows in e2e/screenshots/ are taken from there.
const SCREENSHOTS = fileURLToPath(new URL("./artifacts/", import.meta.url));

test.describe("a Chinese browser", () => {
  test.use({ locale: "zh-CN" });

  test("gets the Chinese interface, and the switch to English is remembered", async ({ radar, page }) => {
    await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
    await expect(page.getByTestId("search-button")).toHaveText("搜索");
    await expect(radar.engineStatus).toContainText("向量空间已展开");
    await radar.waitForResults(await radar.queryInput.inputValue());
    await expect(page.getByTestId("result-summary").first()).toContainText("达到 0.40");
    await expect(page.getByTestId("cleaning-report")).toContainText("24 条");
    await page.screenshot({ path: `${SCREENSHOTS}radar-zh.png` });

    // Messages too: an empty query is refused in Chinese.
    await radar.queryInput.fill(" ");
    await radar.queryInput.press("Enter");
    await expect(radar.error).toContainText("请先输入查询");

    await page.getByTestId("locale-switch").click();
    await expect(page.getByTestId("search-button")).toHaveText("Search");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.reload();
    await expect(page.getByTestId("search-button")).toHaveText("Search");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  });

  test("sees the Lab in Chinese, warned when the Chinese scenarios meet an English-only model", async ({ page }) => {
    await page.goto("/lab");
    await expect(page.getByRole("heading", { name: "池化实验室" })).toBeVisible();
    await expect(page.getByTestId("lab-table")).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId("lab-language-warning")).toHaveCount(0);
    await page.getByTestId("lab-scenarios").selectOption("zh");
    await page.getByTestId("run-lab").click();
    const warning = page.getByTestId("lab-language-warning");
    await expect(warning).toContainText("all-MiniLM-L6-v2 用英文训练，而这些场景是中文");
    await expect(page.getByTestId("explanation-observations")).toHaveText("不对 all-MiniLM-L6-v2 在这些场景上得出结论：场景的语言与模型不符。");
    await page.screenshot({ path: `${SCREENSHOTS}lab-zh.png`, fullPage: false });
  });
});

test("an English browser gets English; the switch to Chinese is remembered, Lab included", async ({ radar, page }) => {
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByTestId("search-button")).toHaveText("Search");
  await radar.waitForResults(await radar.queryInput.inputValue());
  await page.screenshot({ path: `${SCREENSHOTS}radar-en.png` });
  await page.getByTestId("locale-switch").click();
  await expect(page.getByTestId("search-button")).toHaveText("搜索");
  await page.goto("/lab");
  await expect(page.getByRole("heading", { name: "池化实验室" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
});

test("the Lab leaves a run out of every model's comparison when its scenarios do not fit the model", async ({ page }) => {
  await page.goto("/lab");
  await expect(page.getByTestId("lab-table")).toBeVisible({ timeout: 60_000 });
  await page.getByTestId("lab-model").selectOption("all");
  await page.getByTestId("lab-scenarios").selectOption("zh");
  await page.getByTestId("run-lab").click();
  const rows = page.getByTestId("summary-row");
  await expect(rows).toHaveCount(await page.getByTestId("lab-model").locator("option").count() - 1, { timeout: 120_000 });
  await expect(page.getByTestId("lab-progress")).toHaveCount(0, { timeout: 120_000 });
  // English-only models are greyed and crown no pooling; the Chinese model is compared as usual.
  const english = rows.filter({ hasText: "all-MiniLM-L6-v2" });
  await expect(english).toHaveAttribute("data-misfit", "true");
  await expect(english).toContainText("not counted: language");
  await expect(english.locator(".font-bold")).toHaveCount(0);
  await expect(rows.filter({ hasText: "bge-small-zh-v1.5" })).toHaveAttribute("data-misfit", "false");
});

test("a Chinese knowledge base on a Chinese page: the script warning and the cleaning report speak Chinese", async ({ page }) => {
  await page.addInitScript(() => localStorage.setItem("semantic-radar:locale", "zh"));
  const radar = new RadarPage(page);
  await radar.goto();
  await radar.waitForEngine();
  await radar.setKnowledgeBase(["我饿了", "猫在沙发上睡觉", "今天天气很好", "", "我饿了", ...FAQ.slice(0, 1)]);
  await expect(page.getByTestId("script-warning")).toContainText("75% 的条目是中文，但 all-MiniLM-L6-v2 只用英文训练");
  await expect(page.getByTestId("cleaning-report")).toContainText("4 条（已去掉 1 个空行、1 条重复）将被向量化。");
});
