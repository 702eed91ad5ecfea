// The committed Qwen3 fixtures against their PyTorch reference, before any engine code is involved: the JS
// tokenizer gives PyTorch's ids, onnxruntime-node fed what each graph declares (empty past tensors for the KV
// layout) and pooled by lib/pooling gives PyTorch's vectors, and so does transformers.js's own pipeline.
// If these fail the fixtures are wrong; if they pass and the engine's parity fails, the engine is.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Tokenizer } from "@huggingface/tokenizers";
import { env, pipeline, type FeatureExtractionPipeline } from "@huggingface/transformers";
import * as ort from "onnxruntime-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cosine, l2NormalizeRows } from "../../lib/pooling/normalize";
import { pool } from "../../lib/pooling/pool";
import { POOLINGS } from "../../lib/pooling/strategies";
import { loadQwen3Reference, QWEN3_TINY_DIR, QWEN3_TINY_MODELS } from "../../testing/qwen3-reference";

const reference = loadQwen3Reference();
const PARITY = 0.99999;

/** A single text as a batch of one, so texts alone and padded batches go through one path. */
const cases = [
  ...Object.entries(reference.texts).map(([key, t]) => ({
    name: `${key} alone`,
    inputs: [t.input],
    ids: [t.ids],
    mask: [t.ids.map(() => 1)],
    expected: Object.fromEntries(POOLINGS.map((p) => [p, [t.alone[p]]])) as Record<(typeof POOLINGS)[number], number[][]>,
  })),
  ...reference.batches.map((b) => ({
    name: `batch ${b.name}`,
    inputs: b.texts.map((key) => reference.texts[key].input),
    ids: b.input_ids,
    mask: b.attention_mask,
    expected: b.embeddings,
  })),
];

const int64 = (rows: number[][]) => new ort.Tensor("int64", BigInt64Array.from(rows.flat(), BigInt), [rows.length, rows[0].length]);

/** cumsum(mask) - 1 with padding set to 1, as transformers.js builds position_ids. */
function positionIds(mask: number[][]): number[][] {
  return mask.map((row) => {
    let seen = 0;
    return row.map((m) => (m ? seen++ : 1));
  });
}

/** What the graph declares: ids, mask, position_ids, and empty past tensors [batch, kv_heads, 0, head_dim]. */
function feeds(session: ort.InferenceSession, ids: number[][], mask: number[][]): Record<string, ort.Tensor> {
  const out: Record<string, ort.Tensor> = { input_ids: int64(ids), attention_mask: int64(mask), position_ids: int64(positionIds(mask)) };
  for (const meta of session.inputMetadata) {
    if (!meta.name.startsWith("past_key_values.")) continue;
    if (!meta.isTensor) throw new Error(`${meta.name} is not a tensor`);
    const [, kvHeads, , headDim] = meta.shape as [unknown, number, unknown, number];
    out[meta.name] = new ort.Tensor(meta.type as "float32", new Float32Array(0), [ids.length, kvHeads, 0, headDim]);
  }
  return out;
}

function rowsOf(matrix: Float32Array, dim: number): Float32Array[] {
  return Array.from({ length: matrix.length / dim }, (_, i) => matrix.subarray(i * dim, (i + 1) * dim));
}

it("records a reference for both layouts, every pooling, English and Chinese, queries with the prompt", () => {
  expect(reference.models).toEqual([...QWEN3_TINY_MODELS]);
  expect([...reference.poolings].sort()).toEqual([...POOLINGS].sort());
  const texts = Object.values(reference.texts);
  expect(texts.some((t) => /[\u4e00-\u9fff]/.test(t.text))).toBe(true);
  for (const t of texts) expect(t.input).toBe(t.role === "query" ? reference.query_prompt + t.text : t.text);
  expect(reference.batches.every((b) => b.attention_mask.some((row) => row[0] === 0))).toBe(true); // all left-padded
});

describe("the JS tokenizer on the fixture's tokenizer.json", () => {
  const folder = join(QWEN3_TINY_DIR, QWEN3_TINY_MODELS[0]);
  const tokenizer = new Tokenizer(JSON.parse(readFileSync(join(folder, "tokenizer.json"), "utf8")), JSON.parse(readFileSync(join(folder, "tokenizer_config.json"), "utf8")));

  it("gives PyTorch's ids for every text, <|endoftext|> appended", () => {
    for (const t of Object.values(reference.texts)) {
      expect(tokenizer.encode(t.input).ids, t.text).toEqual(t.ids);
      expect(t.ids.at(-1)).toBe(tokenizer.token_to_id("<|endoftext|>"));
    }
  });
});

describe.each(QWEN3_TINY_MODELS)("%s through onnxruntime-node", (model) => {
  let session: ort.InferenceSession;
  beforeAll(async () => {
    // A file path, so onnxruntime finds onnx/model.onnx_data beside it.
    session = await ort.InferenceSession.create(join(QWEN3_TINY_DIR, model, "onnx", "model.onnx"));
  });
  afterAll(() => session?.release());

  it(`matches PyTorch to cosine > ${PARITY} for every pooling, alone and in left-padded batches`, async () => {
    const special = new Set(reference.special_ids);
    for (const c of cases) {
      const result = await session.run(feeds(session, c.ids, c.mask), ["last_hidden_state"]);
      const output = result.last_hidden_state;
      const [batch, seq, dim] = output.dims as [number, number, number];
      const states = { hidden: output.data as Float32Array, attentionMask: c.mask.flat(), specialMask: c.ids.flat().map((id) => (special.has(id) ? 1 : 0)), batch, seq, dim };
      for (const p of POOLINGS) {
        rowsOf(l2NormalizeRows(pool(p, states), dim), dim).forEach((row, i) => expect(cosine(row, c.expected[p][i]), `${c.name} ${p} row ${i}`).toBeGreaterThan(PARITY));
      }
    }
  });
});

describe.each(QWEN3_TINY_MODELS)("%s through transformers.js's feature-extraction pipeline", (model) => {
  let extractor: FeatureExtractionPipeline;
  beforeAll(async () => {
    env.localModelPath = `${QWEN3_TINY_DIR}/`;
    env.allowRemoteModels = false;
    extractor = await pipeline("feature-extraction", model, { device: "cpu", dtype: "fp32" });
  });
  afterAll(() => extractor?.dispose());

  it(`matches PyTorch's last-token vectors to cosine > ${PARITY}, alone and in left-padded batches`, async () => {
    for (const c of cases) {
      const output = await extractor(c.inputs, { pooling: "last_token", normalize: true });
      const dim = output.dims[1] as number;
      rowsOf(output.data as Float32Array, dim).forEach((row, i) => expect(cosine(row, c.expected.last_token[i]), `${c.name} row ${i}`).toBeGreaterThan(PARITY));
    }
  });
});
