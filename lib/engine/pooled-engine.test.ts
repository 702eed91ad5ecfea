// Pooling inside the graph (pooled-graph.mjs) against the oracle: lib/pooling's pool() over the plain graph's
// last_hidden_state, for every pooling, on the real default model and on the tiny causal decoder (left padding).
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cosine } from "../pooling/normalize";
import { POOLINGS } from "../pooling/strategies";
import { buildBatch } from "./batch";
import { loadInThreadEngine } from "./in-thread-engine";
import { loadEngine } from "./index";
import { ensurePooledGraphs } from "./pooled-graph.mjs";
import { describeModel, withoutPooledGraphs } from "./registry";
import { createForwardSession } from "./session";
import { encodeTexts, loadTokenizer } from "./tokenize";
import type { EmbedOptions, EmbedResult, EmbeddingEngine, Graph, ModelInfo } from "./types";

const MODEL = "all-MiniLM-L6-v2";
const SHORT = ["Hi", "I am hungry", "The cat sat on the mat."];
// Much longer than SHORT, and one past the model's 256-token window: short rows sit among hundreds of pads.
const LONG = [
  "The quarterly report, which the finance team circulated late on Friday afternoon, shows that revenue grew in every region except the north. ".repeat(4),
  "Researchers at the coastal laboratory spent three winters measuring how quickly the sea ice formed and melted. ".repeat(14),
];

/** Loads a model twice on the CPU: with its pooled graph, and as if it had none (pool() in JavaScript). */
async function pair(model: ModelInfo, graph?: Graph) {
  ensurePooledGraphs(model.dir); // what the model install does; cheap when current
  const fresh = describeModel(model.dir, model.id);
  const pooled = await loadInThreadEngine(fresh, "cpu", graph);
  const plain = await loadInThreadEngine(withoutPooledGraphs(fresh), "cpu", graph);
  return { pooled, plain };
}

/** The lowest cosine per pooling between the two engines' rows, and the largest relative norm difference. */
function compare(a: EmbedResult, b: EmbedResult) {
  const worst: Record<string, number> = {};
  let normDiff = 0;
  for (const p of POOLINGS) {
    for (let i = 0; i < a.count; i++) {
      const [x, y] = [a.embeddings[p]!, b.embeddings[p]!].map((m) => m.subarray(i * a.dims, (i + 1) * a.dims));
      worst[p] = Math.min(worst[p] ?? 1, cosine(x, y));
      const [n, m] = [a.norms[p]![i], b.norms[p]![i]];
      normDiff = Math.max(normDiff, Math.abs(n - m) / Math.max(m, 1e-12));
    }
  }
  return { worst, normDiff };
}

async function agreement(engines: { pooled: EmbeddingEngine; plain: EmbeddingEngine }, texts: string[], options: EmbedOptions = {}) {
  const [a, b] = [await engines.pooled.embed(texts, options), await engines.plain.embed(texts, options)];
  return compare(a, b);
}

function expectSame({ worst, normDiff }: ReturnType<typeof compare>) {
  for (const p of POOLINGS) expect(worst[p], p).toBeGreaterThan(0.9999);
  expect(normDiff).toBeLessThan(1e-4);
}

describe.each(["fp32", "int8"] as const)(`${MODEL} %s: pooled graph vs pool() of the plain graph`, (graph) => {
  let engines: Awaited<ReturnType<typeof pair>>;
  beforeAll(async () => {
    engines = await pair(describeModel(join(process.cwd(), "models", MODEL), MODEL), graph);
  });
  afterAll(async () => {
    await engines.pooled.dispose();
    await engines.plain.dispose();
  });

  it("runs the pooled graph in one engine and the plain one in the other", () => {
    expect(engines.pooled.info.pooledGraph).toBe(true);
    expect(engines.plain.info.pooledGraph).toBe(false);
    expect(engines.pooled.info.model.inputNames).toEqual(engines.plain.info.model.inputNames);
  });

  it("gives the same vectors and norms for every pooling, short texts padded by much longer ones", async () => {
    const result = await agreement(engines, [...LONG, ...SHORT]);
    expectSame(result);
  });

  it("agrees for queries and for texts cut from the left", async () => {
    expectSame(await agreement(engines, [...SHORT, LONG[1]], { kind: "query", truncation: "left" }));
  });

  it("still gives last_hidden_state from the pooled graph's session, for token-level work", async () => {
    const model = engines.pooled.info.model;
    const file = model.graphs.find((g) => g.graph === graph)!;
    const [pooled, plain] = await Promise.all([createForwardSession(join(model.dir, file.pooledFile!), "cpu"), createForwardSession(join(model.dir, file.file), "cpu")]);
    const batch = buildBatch(encodeTexts(loadTokenizer(model), model, [...SHORT, LONG[0]], "document").encoded, 0, "right");
    const [a, b] = [await pooled.run(batch), await plain.run(batch)];
    expect(pooled.runPooled).toBeDefined();
    expect(plain.runPooled).toBeUndefined();
    expect(a.hidden.length).toBe(b.hidden.length);
    let worst = 0;
    for (let i = 0; i < a.hidden.length; i++) worst = Math.max(worst, Math.abs(a.hidden[i] - b.hidden[i]));
    expect(worst).toBeLessThan(1e-4);
    await Promise.all([pooled.release(), plain.release()]);
  });
});

describe.each(["tiny-encoder", "tiny-decoder"])("%s: pooled graph vs pool() of the plain graph", (id) => {
  let engines: Awaited<ReturnType<typeof pair>>;
  beforeAll(async () => {
    engines = await pair(describeModel(join(process.cwd(), "models", "tiny", id), id));
  });

  it("gives the same vectors and norms for every pooling (the decoder pads on the left)", async () => {
    expect(engines.pooled.info.pooledGraph).toBe(true);
    expectSame(await agreement(engines, ["the cat sat on the mat . hello world , the cat sat on the mat", "hello", "i am hungry"]));
    expectSame(await agreement(engines, ["hello world", "what is the sky"], { kind: "query" }));
  });
});

describe("loadEngine (the worker the server uses)", () => {
  it("uses the pooled graph unless told not to", async () => {
    const [pooled, plain] = await Promise.all([loadEngine(MODEL, { device: "cpu", graph: "int8" }), loadEngine(MODEL, { device: "cpu", graph: "int8", pooledGraph: false })]);
    expect([pooled.info.pooledGraph, plain.info.pooledGraph]).toEqual([true, false]);
    const [a, b] = [await pooled.embed(SHORT), await plain.embed(SHORT)];
    expectSame(compare(a, b));
  });
});
