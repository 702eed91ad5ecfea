// Engine mechanics on the two tiny committed models (models/tiny): an encoder and a Qwen3-style causal decoder.
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { cosine } from "../pooling/normalize";
import { pooledUnit } from "../pooling/attribution";
import { POOLINGS, type Pooling } from "../pooling/strategies";
import { loadInThreadEngine } from "./in-thread-engine";
import { listModelsIn } from "./registry";
import type { EmbedResult, EmbeddingEngine, ModelInfo } from "./types";

const TINY = join(process.cwd(), "models", "tiny");

function row(result: EmbedResult, pooling: Pooling, index: number): Float32Array {
  return result.embeddings[pooling]!.subarray(index * result.dims, (index + 1) * result.dims);
}

describe("registry on the tiny models", () => {
  const models = Object.fromEntries(listModelsIn(TINY).map((m) => [m.id, m])) as Record<string, ModelInfo>;

  it("reads the encoder's architecture, size, pooling and padding side", () => {
    expect(models["tiny-encoder"]).toMatchObject({ architecture: "encoder", hiddenSize: 8, maxTokens: 32, nativePooling: "cls", paddingSide: "right", prompts: {} });
  });

  it("reads the decoder as a causal decoder pooled on its last token, left-padded, with a query prompt", () => {
    expect(models["tiny-decoder"]).toMatchObject({ architecture: "causal-decoder", modelType: "qwen3", nativePooling: "last_token", paddingSide: "left" });
    expect(models["tiny-decoder"].prompts.query).toMatch(/^Instruct: .*\nQuery:$/);
    expect(models["tiny-decoder"].graphs.map((g) => g.graph)).toEqual(["fp32"]);
  });
});

describe.each(["tiny-encoder", "tiny-decoder"])("%s", (id) => {
  let engine: EmbeddingEngine;
  beforeAll(async () => {
    engine = await loadInThreadEngine(listModelsIn(TINY).find((m) => m.id === id)!, "cpu");
  });

  it("embeds a sentence the same alone and in a batch padded by longer ones, for every pooling", async () => {
    const short = "hello world";
    const batch = await engine.embed(["the cat sat on the mat . hello world , the cat", short]);
    const alone = await engine.embed([short]);
    for (const p of POOLINGS) expect(cosine(row(alone, p, 0), row(batch, p, 1)), p).toBeGreaterThan(0.9999);
  });
});

describe("causal decoder semantics", () => {
  let decoder: EmbeddingEngine;
  beforeAll(async () => {
    decoder = await loadInThreadEngine(listModelsIn(TINY).find((m) => m.id === "tiny-decoder")!, "cpu");
  });

  it("'first token' pooling sees only the first token: texts sharing it get the same vector", async () => {
    const result = await decoder.embed(["hello world", "hello cat sat on the mat"]);
    expect(cosine(row(result, "cls", 0), row(result, "cls", 1))).toBeGreaterThan(0.99999);
    expect(cosine(row(result, "last_token", 0), row(result, "last_token", 1))).toBeLessThan(0.999);
  });

  it("applies the query prompt to queries only", async () => {
    const asQuery = await decoder.embed(["hello world"], { kind: "query" });
    const asDocument = await decoder.embed(["hello world"], { kind: "document" });
    expect(asQuery.tokenCounts[0]).toBeGreaterThan(asDocument.tokenCounts[0]);
    expect(cosine(row(asQuery, "last_token", 0), row(asDocument, "last_token", 0))).toBeLessThan(0.999);
  });
});

describe("token states on the tiny decoder", () => {
  it("names each token, marks the end-of-text token special, and pools to embed()'s last token", async () => {
    const decoder = await loadInThreadEngine(listModelsIn(TINY).find((m) => m.id === "tiny-decoder")!, "cpu");
    const [states] = await decoder.tokenStates(["hello world"]);
    expect(states.tokens).toEqual(["hello", "world", "<|endoftext|>"]);
    expect(states.specials).toEqual([false, false, true]);
    const embedded = await decoder.embed(["hello world"], { poolings: ["last_token"] });
    expect(cosine(pooledUnit(states, "last_token"), embedded.embeddings.last_token!)).toBeGreaterThan(0.9999);
  });
});
