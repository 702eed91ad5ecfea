// The 64 MiB transfer budget, on made-up sizes and on the prepared folder (prepared first when missing).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { MARGIN_BYTES, TRANSFER_LIMIT_BYTES, checkBudget } from "./budget";
import { listFiles, workingTreeBytes } from "./pack";

const MiB = 1024 * 1024;
const PREPARED = fileURLToPath(new URL("../../.gpu-check", import.meta.url));

describe("checkBudget", () => {
  it("accepts a folder that fits beside the working tree with the margin", () => {
    const verdict = checkBudget([{ path: "bin/node.xz", bytes: 22 * MiB }, { path: "ort/lib.xz", bytes: 13 * MiB }], 2 * MiB);
    expect(verdict).toMatchObject({ ok: true, folderBytes: 35 * MiB, totalBytes: 37 * MiB });
    expect(verdict.message).toBe("folder 35.0 MiB + working tree 2.0 MiB = 37.0 MiB, within 64.0 MiB (margin 4.0 MiB)");
  });

  it("refuses one that does not, naming the largest files", () => {
    const verdict = checkBudget([{ path: "bin/node", bytes: 58 * MiB }, { path: "a", bytes: 1 }], 3 * MiB);
    expect(verdict.ok).toBe(false);
    expect(verdict.message).toMatch(/^folder 58\.0 MiB \+ working tree 3\.0 MiB = 61\.0 MiB; expected at most 60\.0 MiB .*Largest: bin\/node 58\.0 MiB/);
  });

  it("puts the line exactly at the limit less the margin", () => {
    expect(checkBudget([{ path: "x", bytes: TRANSFER_LIMIT_BYTES - MARGIN_BYTES }], 0).ok).toBe(true);
    expect(checkBudget([{ path: "x", bytes: TRANSFER_LIMIT_BYTES - MARGIN_BYTES + 1 }], 0).ok).toBe(false);
  });
});

describe("the prepared .gpu-check folder", () => {
  // Prepares it when missing (a fresh clone): about a minute the first time, then cached.
  beforeAll(() => {
    if (existsSync(join(PREPARED, "manifest.json"))) return;
    execFileSync("npx", ["tsx", "tools/gpu-check/prepare.ts"], { cwd: join(PREPARED, ".."), stdio: "inherit", timeout: 600_000 });
  }, 600_000);

  it("fits the transfer with the working tree, and holds every piece run.sh needs", () => {
    const files = listFiles(PREPARED);
    const verdict = checkBudget(files, workingTreeBytes(join(PREPARED, "..")));
    expect(verdict.ok, verdict.message).toBe(true);
    const paths = files.map((f) => f.path);
    for (const needed of ["run.sh", "bin/node.xz", "ort/libonnxruntime.so.1.xz", "ort/onnxruntime_binding.node", "app/check.cjs", "app/ort.cjs", "data/texts.json", "model-files/tokenizer.json", "py/make-model.py", "py/torch-bench.py", "SHA256SUMS"]) {
      expect(paths, needed).toContain(needed);
    }
    expect(paths.some((p) => p.startsWith("debs/libvulkan1_"))).toBe(true);
    expect(paths.some((p) => p.includes("node_modules"))).toBe(false);
  });
});
