// collectResults over a work folder written here as the phases would leave it.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { POOLINGS } from "../../lib/pooling";
import { workFiles } from "./phases";
import { collectResults, parityOf, THROUGHPUT_MODEL } from "./results";

const work = mkdtempSync(join(tmpdir(), "cuda-results-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));
const json = (path: string, value: unknown) => writeFileSync(path, JSON.stringify(value));
const f32 = (path: string, values: number[]) => writeFileSync(path, Buffer.from(new Float32Array(values).buffer));

// Two texts of 2 dims: the CUDA vectors are the CPU's, except the second text's max vector, turned by 90 degrees.
json(workFiles(work).plan, { model: "random-bert-minilm-l6-architecture" });
json(workFiles(work).texts, ["a", "b"]);
json(workFiles(work).embed("bert-cuda"), { device: "cuda", dims: 2, textsPerSecond: 9000 });
json(workFiles(work).embed("bert-cpu"), { device: "cpu", dims: 2, textsPerSecond: 1000 });
json(workFiles(work).embed("bert-webgpu"), { device: "webgpu", skipped: "no WebGPU adapter: the Vulkan loader is missing" });
for (const pooling of POOLINGS) {
  f32(workFiles(work).vectors("bert-cpu", pooling), [1, 0, 0, 1]);
  f32(workFiles(work).vectors("bert-cuda", pooling), pooling === "max" ? [1, 0, 1, 0] : [2, 0, 0, 3]);
}
json(join(work, "torch.json"), { status: "ok", e2e: { textsPerSecond: 10000 }, forward: { textsPerSecond: 20000 } });
json(workFiles(work).sts("all-MiniLM-L6-v2"), { model: "all-MiniLM-L6-v2", device: "cuda", graph: "fp32", pooling: "mean", score: 82.03 });
json(workFiles(work).sts("bge-small-en-v1.5"), { model: "bge-small-en-v1.5", device: "cuda", skipped: "out of memory" });
json(workFiles(work).probe, { ok: true, placement: { CUDAExecutionProvider: 9 } });
writeFileSync(join(work, "setup.log"), "[gpu-setup] libcudart.so.13: the machine's\n[gpu-setup]   detail line\nnoise\n");

describe("collectResults", () => {
  const results = collectResults(work, "NVIDIA H100", "2026-12-07");

  it("computes the lowest cosine per pooling between the CUDA and CPU vectors", () => {
    expect(results.parity).toEqual([{ model: THROUGHPUT_MODEL, lowest: { cls: 1, mean: 1, mean_content: 1, last_token: 1, max: 0 } }]);
    expect(parityOf(work, "minilm-cuda", "minilm-cpu")).toBeUndefined();
  });

  it("reads throughput, PyTorch's figures and skipped devices with their reasons", () => {
    expect(results.throughput).toEqual({
      texts: 2,
      model: THROUGHPUT_MODEL,
      figures: [
        { path: "engine cuda", textsPerSecond: 9000 },
        { path: "engine webgpu", skipped: "no WebGPU adapter: the Vulkan loader is missing" },
        { path: "engine cpu", textsPerSecond: 1000 },
        { path: "pytorch cuda e2e", textsPerSecond: 10000 },
        { path: "pytorch cuda forward only", textsPerSecond: 20000 },
      ],
    });
  });

  it("keeps measured STS figures, the setup's report lines, the probe, and says why Qwen3 did not run", () => {
    expect(results.sts.map((s) => s.model)).toEqual(["all-MiniLM-L6-v2"]);
    expect(results.setup).toEqual(["libcudart.so.13: the machine's"]);
    expect(results.probe).toEqual({ ok: true, placement: { CUDAExecutionProvider: 9 } });
    expect(results.qwen3).toEqual({ skipped: "no Qwen3 builder in this tree yet" });
  });

  it("marks a dry run: a cuda label that ran on the CPU", () => {
    const dry = mkdtempSync(join(tmpdir(), "cuda-results-dry-"));
    try {
      json(workFiles(dry).embed("bert-cuda"), { device: "cpu", dims: 2, textsPerSecond: 150 });
      const { figures } = collectResults(dry, "dev box").throughput;
      expect(figures[0]).toEqual({ path: "engine cuda (dry run on cpu)", textsPerSecond: 150 });
      expect(figures[1]).toEqual({ path: "engine webgpu", skipped: "this phase did not run" });
    } finally {
      rmSync(dry, { recursive: true, force: true });
    }
  });
});
