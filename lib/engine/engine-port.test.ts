// The Engine over a fake model port: what it asks the model's thread, in what order, and how it puts the rows
// back. The fake "model" tokenizes "t<i> w w ..." to [101, i, 1, 1, ..., 102] and embeds a text to [i, tokens],
// so every row says which text it came from. No model: the real one is tested through both ports elsewhere.
import { describe, expect, it } from "vitest";
import { Engine } from "./engine";
import { packTokens, unpackTokens } from "./rows";
import type { LoadedModelInfo, Truncation } from "./types";
import type { EmbedCall, EmbedProtocol, ModelPort } from "./worker/protocol";
import { dispatch, type Handlers } from "./worker/serve";

const INFO: LoadedModelInfo = {
  model: {
    id: "fake",
    dir: "/nowhere",
    description: "fake",
    languages: [],
    isDefault: true,
    architecture: "encoder",
    modelType: "fake",
    hiddenSize: 2,
    numLayers: 1,
    maxTokens: 8,
    contextTokens: 8,
    shape: { attentionHeads: 1, keyValueHeads: 1, headDim: 2, intermediateSize: 8, vocabSize: 8 },
    nativePooling: "mean",
    prompts: {},
    paddingSide: "right",
    graphs: [],
  },
  device: "cpu",
  graph: "fp32",
  loadMs: 0,
  skipped: [],
};

/** "t<i>" plus `words` words; over the fake model's 8 tokens, it is cut to 8. */
const text = (i: number, words = 1) => [`t${i}`, ...Array(words).fill("w")].join(" ");

function tokenize(texts: readonly string[]) {
  const truncated: Truncation[] = [];
  const encoded = texts.map((t, index) => {
    const [id, ...words] = t.split(" ");
    const full = [101, Number(id.slice(1)), ...words.map(() => 1), 102];
    const ids = full.length > 8 ? [...full.slice(0, 7), 102] : full;
    if (ids.length < full.length) truncated.push({ index, tokens: full.length, kept: ids.length, dropped: full.length - ids.length });
    return { ids, specials: Uint8Array.from(ids, (id) => (id >= 100 ? 1 : 0)) };
  });
  return { encoded, truncated };
}

/** Row of a text: [its number, its tokens]; norm 1 + its number. */
function rowsOf(encoded: { ids: number[] }[]) {
  return {
    pooled: { mean: Float32Array.from(encoded.flatMap((e) => [e.ids[1], e.ids.length])) },
    norms: { mean: Float32Array.from(encoded.map((e) => 1 + e.ids[1])) },
    inferenceMs: 1,
    poolMs: 0,
  };
}

function fakePort() {
  const asked: { type: EmbedCall; texts: number }[] = [];
  const unanswered = (type: EmbedCall) => () => {
    throw new Error(`the fake model does not answer ${type}`);
  };
  const handlers: Handlers<EmbedProtocol> = {
    load: unanswered("load"),
    count: unanswered("count"),
    states: unanswered("states"),
    spans: unanswered("spans"),
    tokenize: ({ texts }) => {
      asked.push({ type: "tokenize", texts: texts.length });
      const { encoded, truncated } = tokenize(texts);
      return { result: { tokens: packTokens(encoded), truncated, tokenizeMs: 1 } };
    },
    forward: ({ tokens }) => {
      asked.push({ type: "forward", texts: tokens.lengths.length });
      return { result: rowsOf(unpackTokens(tokens)) };
    },
    embed: ({ texts }) => {
      asked.push({ type: "embed", texts: texts.length });
      const { encoded, truncated } = tokenize(texts);
      return { result: { ...rowsOf(encoded), tokenCounts: encoded.map((e) => e.ids.length), truncated, tokenizeMs: 1 } };
    },
  };
  const port: ModelPort = {
    ask: async (request) => (await dispatch<EmbedProtocol, typeof request.type>(handlers, request)).result,
    close: async () => undefined,
  };
  return { port, asked };
}

describe("Engine over a model port", () => {
  it("embeds a long call in 512-text tokenize chunks and one forward request per batch, rows in input order", async () => {
    const { port, asked } = fakePort();
    const engine = new Engine(INFO, port);
    const texts = Array.from({ length: 1100 }, (_, i) => text(i, i === 1050 ? 20 : 1 + (i % 3)));
    const done: number[] = [];
    const result = await engine.embed(texts, { poolings: ["mean"], onProgress: (e) => e.type === "batch" && done.push(e.done) });

    expect(asked.filter((a) => a.type === "tokenize").map((a) => a.texts)).toEqual([512, 512, 76]);
    const forwards = asked.filter((a) => a.type === "forward");
    expect(forwards.every((a) => a.texts <= 64)).toBe(true);
    expect(forwards.reduce((n, a) => n + a.texts, 0)).toBe(1100);
    for (let i = 0; i < texts.length; i++) {
      const tokens = i === 1050 ? 8 : 4 + (i % 3);
      expect([...result.embeddings.mean!.subarray(2 * i, 2 * i + 2)], `text ${i}`).toEqual([i, tokens]);
      expect(result.norms.mean![i]).toBe(1 + i);
      expect(result.tokenCounts[i]).toBe(tokens);
    }
    // Cut in the third chunk, at its own index 26: reported at the call's index.
    expect(result.truncated).toEqual([{ index: 1050, tokens: 23, kept: 8, dropped: 15 }]);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    expect(done.at(-1)).toBe(1100);
    expect(result.timings).toMatchObject({ tokenizeMs: 3, inferenceMs: forwards.length });
  });

  it("sends a short call as one coalesced embed request and keeps only the poolings it asked for", async () => {
    const { port, asked } = fakePort();
    const engine = new Engine(INFO, port);
    const [a, b] = await Promise.all([engine.embed([text(0), text(1, 9)], { poolings: ["mean"] }), engine.embed([text(2)], { poolings: ["mean"] })]);
    expect(asked.map((x) => x.type)).toEqual(["embed", "embed"]); // the first starts at once; the second waited for it
    expect([...a.embeddings.mean!]).toEqual([0, 4, 1, 8]);
    expect(a.truncated).toEqual([{ index: 1, tokens: 12, kept: 8, dropped: 4 }]);
    expect([...b.embeddings.mean!]).toEqual([2, 4]);
    expect(Object.keys(a.embeddings)).toEqual(["mean"]);
  });

  it("embeds token rows through the same loop, one forward request per batch", async () => {
    const { port, asked } = fakePort();
    const engine = new Engine(INFO, port);
    const rows = [3, 1, 2].map((i) => ({ ids: [101, i, 102], specials: [true, false, true] }));
    const result = await engine.embedTokens(rows, { poolings: ["mean"] });
    expect([...result.embeddings.mean!]).toEqual([3, 3, 1, 3, 2, 3]);
    expect(asked.map((x) => x.type)).toEqual(["forward"]);
  });

  it("refuses blank texts before asking the model, and stops a cancelled long call between requests", async () => {
    const { port, asked } = fakePort();
    const engine = new Engine(INFO, port);
    await expect(engine.embed([text(0), " "])).rejects.toMatchObject({ code: "empty_input", message: "text 1 is empty; expected non-blank text" });
    const controller = new AbortController();
    const texts = Array.from({ length: 600 }, (_, i) => text(i));
    const job = engine.embed(texts, { signal: controller.signal, onProgress: (e) => e.type === "tokenized" && controller.abort() });
    await expect(job).rejects.toMatchObject({ code: "cancelled" });
    expect(asked.map((x) => x.type)).toEqual(["tokenize", "tokenize"]); // no forward pass after the abort
  });
});
