// The memory estimate and the refusal of a model that would not fit, on the tiny Qwen3 fixtures (weights in
// external data, so a size that counted only model.onnx would be 100 times too small). The limit comes from
// SEMANTIC_RADAR_MEMORY_LIMIT_MB: nothing here exhausts memory.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { QWEN3_TINY_DIR } from "../../testing/qwen3-reference";
import { reloadConfig } from "../config";
import { engineStateOf, getModelInfo, loadEngine, reservedMemory, rescanModels } from "./index";
import { checkMemory, memoryAvailable, memoryNeed } from "./memory";

const MIB = 2 ** 20;

function withLimit(mb?: number) {
  reloadConfig({ ...process.env, SEMANTIC_RADAR_MODELS_DIR: QWEN3_TINY_DIR, ...(mb ? { SEMANTIC_RADAR_MEMORY_LIMIT_MB: String(mb) } : {}) });
  rescanModels();
}

beforeAll(() => withLimit());
afterAll(() => {
  reloadConfig();
  rescanModels();
});

describe("memoryNeed", () => {
  it("counts the external weights, and a KV-cache graph's present.* outputs on top of the same forward pass", () => {
    const plain = memoryNeed(getModelInfo("qwen3-tiny"));
    const kv = memoryNeed(getModelInfo("qwen3-tiny-kv"));
    expect(plain.graph).toBe("fp32");
    expect(plain.weightsBytes).toBe(getModelInfo("qwen3-tiny").graphs[0].bytes);
    expect(plain.weightsBytes).toBeGreaterThan(9_700_000);
    expect(plain.totalBytes).toBe(plain.weightsBytes + plain.workingBytes);
    expect(kv.workingBytes).toBeGreaterThan(plain.workingBytes);
  });

  it("says which graphs a model has when asked for one it lacks", () => {
    expect(() => memoryNeed(getModelInfo("qwen3-tiny"), "fp16")).toThrow(/graph "fp16" is not in this model folder; it has: fp32/);
  });
});

describe("a memory limit", () => {
  afterAll(() => withLimit());

  it("refuses a model bigger than the limit in plain words, before any worker starts", () => {
    withLimit(10);
    expect(memoryAvailable(0)).toEqual({ bytes: 10 * MIB, source: "limit" });
    const refusal = /^qwen3-tiny \(fp32\) needs about \d+\.\d\d GiB \(0\.01 GiB of weights, \d+\.\d\d GiB to run\), and the memory limit \(SEMANTIC_RADAR_MEMORY_LIMIT_MB=10\) leaves 0\.01 GiB once the loaded models are counted\.$/;
    expect(() => checkMemory(getModelInfo("qwen3-tiny"), undefined, 0)).toThrow(refusal);
  });

  it("counts the models already loaded: room for one tiny Qwen3, not two", async () => {
    const need = memoryNeed(getModelInfo("qwen3-tiny")).totalBytes;
    withLimit(Math.ceil((need * 1.5) / MIB));
    await loadEngine("qwen3-tiny", { device: "cpu" });
    expect(reservedMemory()).toBe(need);
    await expect(loadEngine("qwen3-tiny-kv", { device: "cpu" })).rejects.toMatchObject({ code: "insufficient_memory" });
    expect(engineStateOf("qwen3-tiny-kv")).toMatchObject({ status: "failed", error: expect.stringMatching(/^qwen3-tiny-kv \(fp32\) needs about .* leaves 0\.\d\d GiB once the loaded models are counted\.$/) });
  });
});
