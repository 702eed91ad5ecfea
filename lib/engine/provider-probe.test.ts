// Provider probes in real child processes: fake onnxruntime modules that crash, hang or misplace nodes prove
// the parent survives each; then the real onnxruntime-node and the real default model on this machine.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { readConfig } from "../config";
import { CUDA_UNAVAILABLE } from "../../testing/cuda-reasons";
import { AUTO_ORDER } from "./device";
import { loadInThreadEngine } from "./in-thread-engine";
import { probeProvider } from "./provider-probe";
import { findModel, modelsDir, scanModels } from "./registry";
import { createForwardSession } from "./session";
import type { EmbeddingEngine, ModelInfo } from "./types";

const MODEL = "all-MiniLM-L6-v2";

/** A stand-in for onnxruntime-node whose InferenceSession.create runs `create` (CommonJS source) in the child. */
function fakeOrt(dir: string, name: string, create: string): string {
  const file = join(dir, `${name}.cjs`);
  writeFileSync(
    file,
    `class Tensor { constructor(type, data, dims) { Object.assign(this, { type, data, dims }); } }
module.exports = { Tensor, InferenceSession: { create: async () => { ${create} } } };`,
  );
  return file;
}

const SESSION_ON_GPU = `process.stderr.write("Node(s) placed on [WebGpuExecutionProvider]. Number of nodes: 9\\nNode(s) placed on [CPUExecutionProvider]. Number of nodes: 2\\n");
  return { inputNames: ["input_ids"], outputNames: ["last_hidden_state"], run: async () => ({ last_hidden_state: { data: new Float32Array(8), dims: [1, 4, 2] } }) };`;

describe("probeProvider in a child process", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "probe-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("survives a provider that crashes its process", async () => {
    const ortModule = fakeOrt(dir, "crash", `process.stderr.write("Warning: the driver fell over\\n"); process.kill(process.pid, "SIGSEGV");`);
    const report = await probeProvider("model.onnx", "webgpu", { ortModule });
    expect(report.ok).toBe(false);
    expect(report.reason).toBe("the webgpu provider crashed its probe process (it was killed by SIGSEGV): the driver fell over");
  });

  it("stops a provider that hangs synchronously, as a native call would", async () => {
    const ortModule = fakeOrt(dir, "hang", "for (;;) {}");
    const report = await probeProvider("model.onnx", "cuda", { ortModule, timeoutMs: 1500 });
    expect(report.reason).toBe("the cuda provider did not answer within 1500 ms; its probe process was stopped");
  });

  it("stops the child when the device attempt is aborted", async () => {
    const ortModule = fakeOrt(dir, "hang-abort", "for (;;) {}");
    const controller = new AbortController();
    const pending = probeProvider("model.onnx", "webgpu", { ortModule, signal: controller.signal });
    setTimeout(() => controller.abort(), 200);
    expect((await pending).reason).toMatch(/given up; its probe process was stopped$/);
  });

  it("passes a provider that runs, with where its nodes went", async () => {
    const report = await probeProvider("model.onnx", "webgpu", { ortModule: fakeOrt(dir, "gpu", SESSION_ON_GPU) });
    expect(report).toMatchObject({ ok: true, placement: { WebGpuExecutionProvider: 9, CPUExecutionProvider: 2 } });
  });

  it("fails a provider whose create throws, with its message", async () => {
    const report = await probeProvider("model.onnx", "webgpu", { ortModule: fakeOrt(dir, "throws", `throw new Error("adapter lost");`) });
    expect(report.reason).toBe("adapter lost");
  });
});

describe("GPU providers on this machine (real onnxruntime-node)", () => {
  let model: ModelInfo;
  let modelPath: string;
  beforeAll(() => {
    model = findModel(scanModels(modelsDir()), MODEL);
    modelPath = join(model.dir, model.graphs.find((g) => g.graph === "fp32")!.file);
  });

  it("never silently falls back: each GPU provider either places nodes on its device or fails with a reason", async () => {
    for (const device of ["cuda", "webgpu"] as const) {
      const report = await probeProvider(modelPath, device);
      if (report.ok) {
        const gpuProvider = device === "cuda" ? "CUDAExecutionProvider" : "WebGpuExecutionProvider";
        expect(report.placement[gpuProvider], `${device} placement ${JSON.stringify(report.placement)}`).toBeGreaterThan(0);
      } else {
        console.info(`${device} unavailable here: ${report.reason}`);
        expect(report.reason).toMatch(device === "cuda" ? CUDA_UNAVAILABLE : /WebGPU|Vulkan|webgpu/);
      }
    }
  });

  it("an explicitly requested GPU that cannot start is device_unavailable with the reason", async () => {
    const webgpu = await probeProvider(modelPath, "webgpu");
    if (webgpu.ok) {
      const session = await createForwardSession(modelPath, "webgpu");
      expect(session.placement?.WebGpuExecutionProvider).toBeGreaterThan(0);
      await session.release();
    } else {
      const error = await loadInThreadEngine(model, "webgpu").then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "device_unavailable", message: expect.stringContaining(`webgpu: ${webgpu.reason}`) });
    }
  });

  it("SEMANTIC_RADAR_DEVICE=auto ends on the first device that works, listing the ones before it with reasons", async () => {
    const engine: EmbeddingEngine = await loadInThreadEngine(model, readConfig({ SEMANTIC_RADAR_DEVICE: "auto" }).device);
    try {
      const { device, skipped } = engine.info;
      expect(skipped.map((s) => s.device)).toEqual(AUTO_ORDER.slice(0, AUTO_ORDER.indexOf(device)));
      for (const s of skipped) expect(s.reason.length, s.device).toBeGreaterThan(10);
      console.info(`auto chose ${device}; skipped ${JSON.stringify(skipped)}`);
      const result = await engine.embed(["I am hungry", "My stomach is growling"], { poolings: ["mean"] });
      expect(result.embeddings.mean).toHaveLength(2 * result.dims);
    } finally {
      await engine.dispose();
    }
  });
});
