// The query instruction run once and reused (prompt-cache.ts), on the Qwen3 fixture with a KV cache, checked
// against transformers on PyTorch (models/tiny/qwen3-reference.json), which ran every query whole.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadQwen3Reference, useQwen3TinyModels } from "../../testing/qwen3-reference";
import { cosine } from "../pooling/normalize";
import { POOLINGS } from "../pooling/strategies";
import { getModelInfo } from "./index";
import { loadModelRunner, type ModelRunner } from "./model-runner";
import { sharedPromptTokens } from "./prompt-cache";
import { loadTokenizer } from "./tokenize";

const reference = loadQwen3Reference();
const PARITY = 0.99999;
const rowOf = (matrix: Float32Array, dims: number, i: number) => matrix.subarray(i * dims, (i + 1) * dims);
const queries = Object.entries(reference.texts).filter(([, t]) => t.role === "query");

useQwen3TinyModels();

describe("the shared tokens of a prompt", () => {
  it("leave out the appended <|endoftext|>, and again the last token, which may merge with the text", () => {
    const tokenizer = loadTokenizer(getModelInfo("qwen3-tiny-kv"));
    const prompt = reference.query_prompt;
    const whole = tokenizer.encode(prompt);
    const [full, short] = sharedPromptTokens(tokenizer, prompt);
    expect(tokenizer.isSpecial(whole.at(-1)!)).toBe(true);
    expect(full.ids).toEqual(whole.slice(0, -1));
    expect(short.ids).toEqual(whole.slice(0, -2));
    expect(tokenizer.encode(`${prompt}What is it?`).slice(0, full.ids.length)).toEqual(full.ids);
    // Byte-level BPE joins the prompt's last ":" to punctuation that follows it ("):" is one token).
    const joined = tokenizer.encode(`${prompt}) is it?`);
    expect(joined.slice(0, full.ids.length)).not.toEqual(full.ids);
    expect(joined.slice(0, short.ids.length)).toEqual(short.ids);
  });
});

describe("on the graph with a KV cache", () => {
  let cached: ModelRunner;
  let whole: ModelRunner;
  beforeAll(async () => {
    cached = await loadModelRunner(getModelInfo("qwen3-tiny-kv"), "cpu", "fp32");
    whole = await loadModelRunner(getModelInfo("qwen3-tiny-kv"), "cpu", "fp32", { promptCache: false });
  });
  afterAll(async () => {
    await cached.release();
    await whole.release();
  });

  it(`runs queries after the cached instruction and matches PyTorch to cosine > ${PARITY}, every pooling, alone and batched`, async () => {
    expect(cached.prompts).toBeDefined();
    expect(whole.prompts).toBeUndefined();
    for (const [key, t] of queries) {
      const { encoded } = cached.tokenize([t.text], "query");
      const { pooled } = await cached.forward(encoded, POOLINGS);
      for (const p of POOLINGS) expect(cosine(pooled[p]!, t.alone[p]), `${key} ${p}`).toBeGreaterThan(PARITY);
    }
    const batch = reference.batches.find((b) => b.name === "queries")!;
    const { encoded } = cached.tokenize(batch.texts.map((k) => reference.texts[k].text), "query");
    const before = cached.prompts!.rowsReused;
    const { pooled } = await cached.forward(encoded, POOLINGS);
    expect(cached.prompts!.rowsReused - before).toBe(batch.texts.length);
    for (const p of POOLINGS) batch.texts.forEach((key, i) => expect(cosine(rowOf(pooled[p]!, 16, i), batch.embeddings[p][i]), `${key} ${p}`).toBeGreaterThan(PARITY));
  });

  it("gives what the whole pass gives, and runs whole a batch where one text does not start with the prompt", async () => {
    const texts = [...queries.map(([, t]) => t.text), ") starts with what merges into the prompt"];
    const a = await cached.forward(cached.tokenize(texts, "query").encoded, POOLINGS);
    const b = await whole.forward(whole.tokenize(texts, "query").encoded, POOLINGS);
    for (const p of POOLINGS) texts.forEach((_, i) => expect(cosine(rowOf(a.pooled[p]!, 16, i), rowOf(b.pooled[p]!, 16, i))).toBeGreaterThan(PARITY));

    const before = cached.prompts!.rowsReused;
    const mixed = [...cached.tokenize(texts.slice(0, 1), "query").encoded, ...cached.tokenize(texts.slice(1, 2), "document").encoded];
    const result = await cached.forward(mixed, POOLINGS);
    expect(cached.prompts!.rowsReused).toBe(before);
    expect(cosine(rowOf(result.pooled.last_token!, 16, 0), rowOf(a.pooled.last_token!, 16, 0))).toBeGreaterThan(PARITY);
  });
});

it("is not used on a graph without a KV cache", async () => {
  const runner = await loadModelRunner(getModelInfo("qwen3-tiny"), "cpu", "fp32");
  expect(runner.prompts).toBeUndefined();
  await runner.release();
});
