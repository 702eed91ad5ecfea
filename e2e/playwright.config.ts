import { existsSync, mkdtempSync, readdirSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "@playwright/test";
import { freePort } from "../testing/free-port";
import { E2E_API_KEY, E2E_TEACHER_KEY } from "./keys";

/**
 * Browser tests against the real app and the real default model: the webServer builds the app (when stale) and
 * starts it on a free port, and tests begin once GET /api/status answers (which also starts loading the model).
 * Chromium is Debian's (`apt-get install -y chromium`); `npx playwright install` is not used.
 */
const root = fileURLToPath(new URL("..", import.meta.url));


// The runner loads this file first and its workers inherit its environment: the port is chosen once.
process.env.RADAR_E2E_PORT ??= String(await freePort());
// Knowledge bases saved by the browser tests go to a fresh embedded database, never the developer's ./data.
process.env.RADAR_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), "radar-e2e-data-"));
// The installed models plus the tiny random-weight Qwen3 folders (the real architecture, tokenizer and ONNX layouts
// users download, KV cache and external weights), as symlinks: the real pretrained default stays the default.
process.env.RADAR_E2E_MODELS_DIR ??= testModelsDir();
const port = Number(process.env.RADAR_E2E_PORT);

function testModelsDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "radar-e2e-models-"));
  const models = join(root, "models");
  for (const entry of readdirSync(models, { withFileTypes: true })) {
    if (entry.isDirectory() && entry.name !== "tiny") symlinkSync(join(models, entry.name), join(dir, entry.name));
  }
  for (const id of ["qwen3-tiny", "qwen3-tiny-kv"]) if (existsSync(join(models, "tiny", id))) symlinkSync(join(models, "tiny", id), join(dir, id));
  return dir;
}
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: ".",
  testMatch: "*.spec.ts",
  outputDir: `${root}/test-results`,
  // One server, one model, two cores: tests run one at a time.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  // Generous because the model runs on a shared CPU; no test asserts on time.
  timeout: 120_000,
  expect: { timeout: 60_000 },
  reporter: [["list"]],
  use: {
    baseURL,
    browserName: "chromium",
    viewport: { width: 1440, height: 1000 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
    },
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
  },
  webServer: {
    // The same start as `npm start`: it rebuilds only when app/, components/ or lib/ changed since the last build.
    command: `node scripts/start.mjs --port ${port} --hostname 127.0.0.1`,
    cwd: root,
    url: `${baseURL}/api/status`,
    timeout: 600_000,
    // Keys as a room would have them: the teacher's, and the API key the OpenAI/TEI routes then ask for.
    env: {
      SEMANTIC_RADAR_DATA_DIR: process.env.RADAR_E2E_DATA_DIR,
      SEMANTIC_RADAR_MODELS_DIR: process.env.RADAR_E2E_MODELS_DIR,
      SEMANTIC_RADAR_TEACHER_KEY: E2E_TEACHER_KEY,
      SEMANTIC_RADAR_API_KEY: E2E_API_KEY,
    },
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
  },
});
