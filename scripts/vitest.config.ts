import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

// Lives in scripts/ because the repo's top level is fixed; `root` points back at the repo.
const root = fileURLToPath(new URL("..", import.meta.url));

export default defineConfig({
  root,
  resolve: { alias: { "@": root, "server-only": `${root}/lib/testing/server-only-stub.ts` } },
  test: {
    include: ["lib/**/*.test.ts", "scripts/**/*.test.ts", "components/**/*.test.ts", "app/**/*.test.ts", "*.test.ts"],
    environment: "node",
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Real models share 2 cores: run files one at a time so timings and memory stay sane.
    fileParallelism: false,
  },
});
