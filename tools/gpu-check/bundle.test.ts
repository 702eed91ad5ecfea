// The bundles the GPU machine runs: they must load onnxruntime's native code from the shipped folder alone.
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bundleCheck, onnxruntimeBindingDir } from "./bundle";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

describe("bundleCheck", () => {
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "gpu-check-bundle-"));
    await bundleCheck(ROOT, join(dir, "app"));
    mkdirSync(join(dir, "ort"));
    for (const file of ["onnxruntime_binding.node", "libonnxruntime.so.1"]) copyFileSync(join(onnxruntimeBindingDir(ROOT), file), join(dir, "ort", file));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("makes check.cjs take onnxruntime from ort.cjs beside it, never from node_modules", () => {
    const check = readFileSync(join(dir, "app", "check.cjs"), "utf8");
    expect(check).toContain('require("./ort.cjs")');
    expect(check).not.toMatch(/require\("onnxruntime-node"\)|require\("[^"]*node_modules/);
  });

  it("loads the shipped native binding, WebGPU provider included, outside any node_modules tree", () => {
    const script = "console.log(JSON.stringify(require(process.argv[1]).listSupportedBackends().map((b) => b.name)))";
    const names = JSON.parse(execFileSync(process.execPath, ["-e", script, join(dir, "app", "ort.cjs")], { cwd: dir, encoding: "utf8" }));
    expect(names).toEqual(expect.arrayContaining(["cpu", "webgpu"]));
  });

  it("runs check.cjs, which answers a wrong call with what it expected", () => {
    const run = spawnSync(process.execPath, [join(dir, "app", "check.cjs"), "bogus"], { cwd: dir, encoding: "utf8" });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/check: expected a phase \(plan, devices, embed, report, variants, placement\), got "bogus"/);
  });
});
