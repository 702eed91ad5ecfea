import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Lives in scripts/ because the repo's top level is fixed; `root` points back at the repo.
const root = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig({
  root,
  resolve: { alias: { "@": root, "server-only": `${root}/testing/server-only-stub.ts` } },
  test: {
    include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "tools/**/*.test.ts", "components/**/*.test.ts", "app/**/*.test.ts", "*.test.ts"],
    environment: "node",
    // Knowledge bases saved by tests go to a fresh embedded database, never the developer's ./data.
    env: { SEMANTIC_RADAR_DATA_DIR: process.env.SEMANTIC_RADAR_DATA_DIR ?? mkdtempSync(join(tmpdir(), "radar-test-data-")) },
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Real models share 2 cores: run files one at a time so timings and memory stay sane.
    fileParallelism: false,
  },
});
