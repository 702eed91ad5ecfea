// npm run bench -- [engine] [--model <id>] [--graph fp32|int8] [--rounds 3] [--plain] [--json]
//
// Measures, in one run on the same model, texts and machine, our engine against the plain transformers.js
// feature-extraction pipeline called as its docs show (batches of 32 in input order, mean pooling, normalize).
// --plain adds our engine without its pooled graph (pooling in JavaScript over [batch, seq, dim]) to the same run,
// so what pooling in the graph buys is a ratio from one run too.
// Prints corpus throughput (texts/s over 2,000 STS sentences), single-query latency (median of 50), memory,
// and the ratios. Figures, not assertions: these machines are shared and noisy.
import os from "node:os";
import { env, pipeline } from "@huggingface/transformers";
import { defaultModelId, loadEngine, modelsDir } from "../../lib/engine/index";
import { loadStsDataset } from "../../lib/eval/sts";
import { cosine } from "../../lib/pooling/normalize";
import { ENGINE_OPTIONS, loadOptionsFrom, parseCli } from "../cli";

const CORPUS_SIZE = 2000;
const PIPELINE_BATCH = 32;
const QUERY_RUNS = 50;

type Embedder = { corpus: (texts: string[]) => Promise<Float32Array[]>; query: (text: string) => Promise<Float32Array> };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * Corpus texts/s of each embedder, median of `rounds`. Rounds take turns (a, b, c, a, b, c, ...) so a change in
 * the machine's load falls on every embedder alike: these machines are shared.
 */
async function timeCorpus(embedders: readonly Embedder[], texts: string[], rounds: number): Promise<number[]> {
  const seconds: number[][] = embedders.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (const [i, embed] of embedders.entries()) {
      const started = performance.now();
      await embed.corpus(texts);
      seconds[i].push((performance.now() - started) / 1000);
    }
  }
  return seconds.map((s) => texts.length / median(s));
}

/** Median single-query latency of each embedder, taking turns query by query. */
async function timeQueries(embedders: readonly Embedder[], queries: string[]): Promise<number[]> {
  const ms: number[][] = embedders.map(() => []);
  for (const query of queries) {
    for (const [i, embed] of embedders.entries()) {
      const started = performance.now();
      await embed.query(query);
      ms[i].push(performance.now() - started);
    }
  }
  return ms.map(median);
}

async function ourEngine(modelId: string, options: ReturnType<typeof loadOptionsFrom>, pooledGraph = true): Promise<Embedder & { pooledGraph: boolean }> {
  const engine = await loadEngine(modelId, { ...options, device: options.device ?? "cpu", pooledGraph });
  const rows = (matrix: Float32Array, dims: number) => Array.from({ length: matrix.length / dims }, (_, i) => matrix.subarray(i * dims, (i + 1) * dims));
  return {
    pooledGraph: engine.info.pooledGraph === true,
    corpus: async (texts) => {
      const result = await engine.embed(texts, { poolings: ["mean"] });
      return rows(result.embeddings.mean!, result.dims);
    },
    query: async (text) => (await engine.embed([text], { poolings: ["mean"] })).embeddings.mean!,
  };
}

async function transformersPipeline(modelId: string, graph: string): Promise<Embedder> {
  env.localModelPath = `${modelsDir()}/`;
  env.allowRemoteModels = false;
  const extractor = await pipeline("feature-extraction", modelId, { device: "cpu", dtype: graph === "int8" ? "q8" : "fp32" });
  const embed = async (texts: string[]) => {
    const output = await extractor(texts, { pooling: "mean", normalize: true });
    const [count, dims] = output.dims as [number, number];
    const data = output.data as Float32Array;
    return Array.from({ length: count }, (_, i) => data.slice(i * dims, (i + 1) * dims));
  };
  return {
    corpus: async (texts) => {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += PIPELINE_BATCH) out.push(...(await embed(texts.slice(i, i + PIPELINE_BATCH))));
      return out;
    },
    query: async (text) => (await embed([text]))[0],
  };
}

function rssMiB(): number {
  return process.memoryUsage().rss / 2 ** 20;
}

const fixed = (value: number, digits = 1) => Number(value.toFixed(digits));

export async function benchEngine(args: string[]): Promise<void> {
  const { values } = parseCli({ ...ENGINE_OPTIONS, rounds: { type: "string", default: "3" }, plain: { type: "boolean", default: false } }, args);
  const modelId = values.model ?? defaultModelId();
  const options = loadOptionsFrom(values);
  const graph = options.graph ?? "fp32";
  const rounds = Number(values.rounds);
  const sentences = [...new Set(loadStsDataset("stsb-en").flatMap((p) => [p.sentence1, p.sentence2]))];
  const corpus = sentences.slice(0, CORPUS_SIZE);
  const queries = sentences.slice(CORPUS_SIZE, CORPUS_SIZE + QUERY_RUNS);

  const rssStart = rssMiB();
  const baseline = await transformersPipeline(modelId, graph);
  const ours = await ourEngine(modelId, { ...options, graph });
  const plain = values.plain ? await ourEngine(modelId, { ...options, graph }, false) : undefined;
  const engines = [["our engine", ours] as const, ...(plain ? [["our engine, plain graph", plain] as const] : [])];
  // Warm every embedder (first runs allocate arenas), and check they compute the same thing before timing anything.
  const reference = await baseline.corpus(corpus.slice(0, 64));
  let agreement = 1;
  for (const [, engine] of engines) {
    const b = await engine.corpus(corpus.slice(0, 64));
    agreement = Math.min(agreement, ...reference.map((v, i) => cosine(v, b[i])));
  }

  const [baselineTps, ...tps] = await timeCorpus([baseline, ...engines.map(([, engine]) => engine)], corpus, rounds);
  const [baselineMs, ...ms] = await timeQueries([baseline, ...engines.map(([, engine]) => engine)], queries);
  const figures = {
    model: modelId,
    graph,
    pooled_graph: ours.pooledGraph,
    corpus: corpus.length,
    rounds,
    agreement_min_cosine: fixed(agreement, 6),
    texts_per_s: { ours: fixed(tps[0]), transformers_pipeline: fixed(baselineTps), ratio: fixed(tps[0] / baselineTps, 2), ...(plain ? { ours_plain_graph: fixed(tps[1]), pooled_vs_plain: fixed(tps[0] / tps[1], 2) } : {}) },
    query_ms_median: { ours: fixed(ms[0], 2), transformers_pipeline: fixed(baselineMs, 2), ratio: fixed(baselineMs / ms[0], 2), ...(plain ? { ours_plain_graph: fixed(ms[1], 2) } : {}) },
    rss_mib: { start: Math.round(rssStart), end: Math.round(rssMiB()) },
    load_average: os.loadavg().map((l) => fixed(l, 2)),
  };
  if (values.json) return void console.log(JSON.stringify(figures));
  const label = (name: string, engine: { pooledGraph: boolean }) => `${name} (${engine.pooledGraph ? "pooled graph" : "pooling in JS"})`;
  console.log(`Benchmark: ${modelId} (${graph}), ${corpus.length} STS sentences, median of ${rounds} rounds taken in turns; vectors agree to cosine >= ${figures.agreement_min_cosine}`);
  console.log(`Load average at the end (1, 5, 15 min): ${figures.load_average.join(", ")} on ${os.cpus().length} CPUs`);
  console.log("");
  console.log(`| measure | ${engines.map(([name, engine]) => label(name, engine)).join(" | ")} | transformers.js pipeline | ratio ${engines.map(([name]) => name.replace("our engine", "ours")).join(", ")} |`);
  console.log(`| --- | ${engines.map(() => "---: | ").join("")}---: | ---: |`);
  console.log(`| corpus texts/s | ${tps.map((t) => fixed(t)).join(" | ")} | ${fixed(baselineTps)} | ${tps.map((t) => `${fixed(t / baselineTps, 2)}x`).join(", ")} |`);
  console.log(`| single query ms (median of ${QUERY_RUNS}) | ${ms.map((m) => fixed(m, 2)).join(" | ")} | ${fixed(baselineMs, 2)} | ${ms.map((m) => `${fixed(baselineMs / m, 2)}x`).join(", ")} |`);
  if (plain) console.log(`\nPooled graph vs plain graph, corpus: ${figures.texts_per_s.pooled_vs_plain}x`);
  console.log("");
  console.log(`Process memory (RSS, all models loaded): ${figures.rss_mib.start} MiB at start, ${figures.rss_mib.end} MiB at end`);
}
