// The engine on the real default model (all-MiniLM-L6-v2), fp32 and int8 graphs.
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cosine } from "../pooling/normalize";
import { POOLINGS } from "../pooling/strategies";
import { loadInThreadEngine } from "./in-thread-engine";
import { getModelInfo, loadEngine } from "./index";
import { describeModel } from "./registry";
import type { EmbedResult, EmbeddingEngine } from "./types";

const MODEL = "all-MiniLM-L6-v2";
const SHORT = ["I am hungry", "The cat sat on the mat.", "Hi"];
const LONG = [
  "The quarterly report, which the finance team circulated late on Friday afternoon, shows that revenue grew in every region except the north, where two large customers delayed their orders until the next fiscal year.",
  "Researchers at the coastal laboratory spent three winters measuring how quickly the sea ice formed and melted, and they concluded that the timing of the first snowfall mattered more than the air temperature.",
];

function row(result: EmbedResult, pooling: (typeof POOLINGS)[number], index: number): Float32Array {
  return result.embeddings[pooling]!.subarray(index * result.dims, (index + 1) * result.dims);
}

/** Embeds each short text alone and inside a batch padded by much longer texts; returns the worst cosine. */
async function paddingAgreement(engine: EmbeddingEngine): Promise<Record<string, number>> {
  const batch = await engine.embed([...LONG, ...SHORT]);
  const worst: Record<string, number> = {};
  for (const [i, text] of SHORT.entries()) {
    const alone = await engine.embed([text]);
    for (const p of POOLINGS) worst[p] = Math.min(worst[p] ?? 1, cosine(row(alone, p, 0), row(batch, p, LONG.length + i)));
  }
  return worst;
}

describe("engine on all-MiniLM-L6-v2", () => {
  let engine: EmbeddingEngine;
  beforeAll(async () => {
    engine = await loadEngine(MODEL, { device: "cpu", graph: "fp32" });
  });

  it("reports what it loaded", () => {
    expect(engine.info).toMatchObject({ device: "cpu", graph: "fp32", model: { id: MODEL, hiddenSize: 384, nativePooling: "mean", architecture: "encoder" } });
    expect(engine.info.model.inputNames).toEqual(expect.arrayContaining(["input_ids", "attention_mask", "token_type_ids"]));
  });

  it("embeds a sentence the same alone and inside a padded batch, for every pooling (fp32)", async () => {
    const worst = await paddingAgreement(engine);
    for (const p of POOLINGS) expect(worst[p], p).toBeGreaterThan(0.9999);
  });

  it("measures padding agreement on the int8 graph (quantized per batch, so reported, not held to 0.9999)", async () => {
    const int8 = await loadEngine(MODEL, { device: "cpu", graph: "int8" });
    const worst = await paddingAgreement(int8);
    console.info(`int8 padding agreement (worst cosine per pooling): ${JSON.stringify(worst)}`);
    for (const p of POOLINGS) expect(worst[p], p).toBeGreaterThan(0.9);
  });

  it("returns vectors in input order, L2-normalized", async () => {
    const texts = [...LONG, ...SHORT];
    const together = await engine.embed(texts, { poolings: ["mean"] });
    const reversed = await engine.embed([...texts].reverse(), { poolings: ["mean"] });
    for (let i = 0; i < texts.length; i++) {
      expect(cosine(row(together, "mean", i), row(reversed, "mean", texts.length - 1 - i))).toBeGreaterThan(0.9999);
      expect(Math.hypot(...row(together, "mean", i))).toBeCloseTo(1, 5);
    }
  });

  it("puts 'I am hungry' closer to 'My stomach is growling' than to 'The sky is blue'", async () => {
    const result = await engine.embed(["I am hungry", "My stomach is growling", "The sky is blue"], { poolings: ["mean"] });
    const [hungry, growling, sky] = [0, 1, 2].map((i) => row(result, "mean", i));
    expect(cosine(hungry, growling)).toBeGreaterThan(cosine(hungry, sky) + 0.15);
  });

  it("reports an over-long input as truncated, and by how many tokens", async () => {
    const long = Array.from({ length: 400 }, (_, i) => `word${i}`).join(" ");
    const result = await engine.embed(["short text", long]);
    expect(result.truncated).toHaveLength(1);
    const [cut] = result.truncated;
    expect(cut).toMatchObject({ index: 1, kept: 256 });
    expect(cut.tokens).toBeGreaterThan(400);
    expect(cut.dropped).toBe(cut.tokens - 256);
    expect(result.tokenCounts[1]).toBe(256);
  });

  it("reports progress that never decreases and ends at the total", async () => {
    const events: number[] = [];
    await engine.embed([...LONG, ...SHORT], { onProgress: (e) => e.type === "batch" && events.push(e.done) });
    expect(events).toEqual([...events].sort((a, b) => a - b));
    expect(events.at(-1)).toBe(LONG.length + SHORT.length);
  });

  it("rejects empty input with a clear message", async () => {
    await expect(engine.embed([])).rejects.toMatchObject({ code: "empty_input", message: expect.stringMatching(/at least one text.*got none/) });
    await expect(engine.embed(["ok", "   "])).rejects.toMatchObject({ code: "empty_input", message: expect.stringMatching(/text 1 is empty/) });
  });

  it("stops a cancelled job", async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(engine.embed(SHORT, { signal: controller.signal })).rejects.toMatchObject({ code: "cancelled" });
  });
});

describe("engine errors", () => {
  it("names the installed models when asked for a missing one", () => {
    expect(() => getModelInfo("no-such-model")).toThrow(/unknown model "no-such-model"; installed models: .*all-MiniLM-L6-v2/);
  });

  it("reports a corrupt model file as model_corrupt, not as a device problem", async () => {
    const dir = mkdtempSync(join(tmpdir(), "radar-corrupt-"));
    const source = getModelInfo(MODEL).dir;
    for (const file of ["config.json", "tokenizer.json", "tokenizer_config.json"]) cpSync(join(source, file), join(dir, file));
    cpSync(join(source, "1_Pooling"), join(dir, "1_Pooling"), { recursive: true });
    mkdirSync(join(dir, "onnx"));
    writeFileSync(join(dir, "onnx", "model.onnx"), "this is not an onnx graph");
    const model = describeModel(dir, "corrupt");
    await expect(loadInThreadEngine(model, "auto")).rejects.toMatchObject({ code: "model_corrupt", message: expect.stringMatching(/could not load .*model\.onnx/) });
  });

  it("reports a folder without any graph", async () => {
    const dir = mkdtempSync(join(tmpdir(), "radar-nograph-"));
    cpSync(join(getModelInfo(MODEL).dir, "config.json"), join(dir, "config.json"));
    await expect(loadInThreadEngine(describeModel(dir, "empty"), "cpu")).rejects.toMatchObject({ code: "model_corrupt", message: expect.stringMatching(/has no ONNX graph/) });
  });
});

describe("norms beside the unit vectors", () => {
  it("gives each pooled vector's length before normalization, the same alone and in a batch", async () => {
    const engine = await loadEngine(MODEL, { device: "cpu", graph: "fp32" });
    const alone = await engine.embed(["A cat sleeps on the sofa."], { poolings: ["mean", "cls"] });
    const batch = await engine.embed(["A cat sleeps on the sofa.", "x ".repeat(300)], { poolings: ["mean", "cls"] });
    for (const p of ["mean", "cls"] as const) {
      expect(alone.norms[p]![0]).toBeGreaterThan(0.1);
      expect(batch.norms[p]![0]).toBeCloseTo(alone.norms[p]![0], 3);
    }
  });
});
