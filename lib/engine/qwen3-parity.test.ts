// Our engine on the Qwen3 fixtures, against what no one here wrote: transformers on PyTorch (the committed
// reference, models/tiny/qwen3-reference.json) and transformers.js's feature-extraction pipeline on the same graph.
// Both ONNX layouts users download (without and with the KV cache, weights in external data), with the pooled
// graph and pooling in JavaScript, through the server's path: loadEngine, the model's worker thread, the scheduler.
// The exact left-padded batches of the reference also go through one forward pass each (ModelRunner), so padding
// is tested as PyTorch padded, whatever the engine's batch planner would have cut.
import { env, pipeline, type FeatureExtractionPipeline } from "@huggingface/transformers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadQwen3Reference, QWEN3_TINY_DIR, QWEN3_TINY_MODELS, useQwen3TinyModels } from "../../testing/qwen3-reference";
import { cosine } from "../pooling/normalize";
import { POOLINGS, type Pooling } from "../pooling/strategies";
import { getModelInfo, loadEngine } from "./index";
import { loadModelRunner } from "./model-runner";
import { withoutPooledGraphs } from "./registry";
import type { EmbedResult, EmbeddingEngine, TextKind } from "./types";

const reference = loadQwen3Reference();
const PARITY = 0.99999;

const rowOf = (matrix: Float32Array, dims: number, i: number) => matrix.subarray(i * dims, (i + 1) * dims);

/** Texts grouped by role: the engine adds the query prompt itself, from config_sentence_transformers.json. */
function byKind(keys: readonly string[]): { kind: TextKind; keys: string[] }[] {
  return (["query", "document"] as const).map((kind) => ({ kind, keys: keys.filter((k) => (reference.texts[k].role === "query") === (kind === "query")) })).filter((g) => g.keys.length);
}

function expectParity(result: EmbedResult, expected: (pooling: Pooling, row: number) => number[], what: string, poolings: readonly Pooling[] = POOLINGS) {
  for (const p of poolings) {
    for (let i = 0; i < result.count; i++) expect(cosine(rowOf(result.embeddings[p]!, result.dims, i), expected(p, i)), `${what}, ${p}, row ${i}`).toBeGreaterThan(PARITY);
  }
}

useQwen3TinyModels();

describe.each(QWEN3_TINY_MODELS)("%s", (id) => {
  it("is read as a left-padded causal decoder pooled on its last token, with the query instruction", () => {
    const model = getModelInfo(id);
    expect(model).toMatchObject({ architecture: "causal-decoder", modelType: "qwen3", nativePooling: "last_token", paddingSide: "left", hiddenSize: 16, numLayers: 2 });
    expect(model.prompts.query).toBe(reference.query_prompt);
    // The weights live in onnx/model.onnx_data: a size that counted only the graph would say 0.1 MB.
    expect(model.graphs[0]).toMatchObject({ graph: "fp32", file: "onnx/model.onnx", pooledFile: "onnx/model_pooled.onnx" });
    expect(model.graphs[0].bytes).toBeGreaterThan(9_000_000);
  });

  describe.each([true, false])("pooled graph %s, through the worker", (pooledGraph) => {
    let engine: EmbeddingEngine;
    beforeAll(async () => {
      engine = await loadEngine(id, { device: "cpu", graph: "fp32", pooledGraph });
      expect(engine.info.pooledGraph === true).toBe(pooledGraph);
    });

    it(`matches PyTorch to cosine > ${PARITY}, every pooling, each text alone (en, zh, queries with the instruction)`, async () => {
      for (const [key, t] of Object.entries(reference.texts)) {
        const result = await engine.embed([t.text], { kind: t.role });
        expect(result.tokenCounts, key).toEqual([t.ids.length]);
        expectParity(result, (p) => t.alone[p], key);
      }
    });

    it(`matches PyTorch to cosine > ${PARITY}, every pooling, texts of mixed lengths embedded together`, async () => {
      for (const batch of reference.batches) {
        for (const { kind, keys } of byKind(batch.texts)) {
          const result = await engine.embed(keys.map((k) => reference.texts[k].text), { kind });
          expectParity(result, (p, i) => batch.embeddings[p][batch.texts.indexOf(keys[i])], `${batch.name} (${kind})`);
        }
      }
    });
  });

  it(`matches PyTorch's exact left-padded batches in one forward pass each, pooled graph and plain`, async () => {
    for (const model of [getModelInfo(id), withoutPooledGraphs(getModelInfo(id))]) {
      const runner = await loadModelRunner(model, "cpu", "fp32");
      for (const batch of reference.batches) {
        const { encoded } = runner.tokenize(batch.texts.map((k) => reference.texts[k].input), "document");
        expect(encoded.map((e) => e.ids), batch.name).toEqual(batch.input_ids.map((row, r) => row.filter((_, t) => batch.attention_mask[r][t] === 1)));
        const { pooled } = await runner.forward(encoded, POOLINGS);
        for (const p of POOLINGS) batch.texts.forEach((_, i) => expect(cosine(rowOf(pooled[p]!, 16, i), batch.embeddings[p][i]), `${batch.name} ${p} ${i}`).toBeGreaterThan(PARITY));
      }
      await runner.release();
    }
  });

  describe("against transformers.js's feature-extraction pipeline on the same graph", () => {
    let extractor: FeatureExtractionPipeline;
    let engine: EmbeddingEngine;
    beforeAll(async () => {
      env.localModelPath = `${QWEN3_TINY_DIR}/`;
      env.allowRemoteModels = false;
      extractor = await pipeline("feature-extraction", id, { device: "cpu", dtype: "fp32" });
      engine = await loadEngine(id, { device: "cpu", graph: "fp32" });
    });
    afterAll(() => extractor?.dispose());

    it(`gives its last-token vectors to cosine > ${PARITY}, alone and in batches`, async () => {
      for (const batch of reference.batches) {
        const inputs = batch.texts.map((k) => reference.texts[k].input);
        const theirs = await extractor(inputs, { pooling: "last_token", normalize: true });
        const ours = await engine.embed(inputs, { poolings: ["last_token"] });
        const dims = theirs.dims[1] as number;
        expect(ours.dims).toBe(dims);
        const data = theirs.data as Float32Array;
        expectParity(ours, (_, i) => Array.from(rowOf(data, dims, i)), `${batch.name} vs transformers.js`, ["last_token"]);
      }
    });
  });
});
