// npm run bench -- [--model <id>] [--graph fp32|int8] [--rounds 3] [--json]
//
// Measures, in one run on the same model, texts and machine, our engine against the plain transformers.js
// feature-extraction pipeline called as its docs show (batches of 32 in input order, mean pooling, normalize).
// Prints corpus throughput (texts/s over 2,000 STS sentences), single-query latency (median of 50), memory,
// and the ratios. Figures, not assertions: these machines are shared and noisy.
import { env, pipeline } from "@huggingface/transformers";
import { defaultModelId, loadEngine, modelsDir } from "../lib/engine/index";
import { loadStsDataset } from "../lib/eval/sts";
import { cosine } from "../lib/pooling/normalize";
import { ENGINE_OPTIONS, loadOptionsFrom, parseCli, runCli } from "./cli";

const CORPUS_SIZE = 2000;
const PIPELINE_BATCH = 32;
const QUERY_RUNS = 50;

type Embedder = { corpus: (texts: string[]) => Promise<Float32Array[]>; query: (text: string) => Promise<Float32Array> };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function timeCorpus(embed: Embedder, texts: string[], rounds: number): Promise<number> {
  const seconds: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const started = performance.now();
    await embed.corpus(texts);
    seconds.push((performance.now() - started) / 1000);
  }
  return texts.length / median(seconds);
}

async function timeQueries(embed: Embedder, queries: string[]): Promise<number> {
  const ms: number[] = [];
  for (const query of queries) {
    const started = performance.now();
    await embed.query(query);
    ms.push(performance.now() - started);
  }
  return median(ms);
}

async function ourEngine(modelId: string, options: ReturnType<typeof loadOptionsFrom>): Promise<Embedder> {
  const engine = await loadEngine(modelId, { ...options, device: options.device ?? "cpu" });
  const rows = (matrix: Float32Array, dims: number) => Array.from({ length: matrix.length / dims }, (_, i) => matrix.subarray(i * dims, (i + 1) * dims));
  return {
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

// Subcommands live in scripts/bench/<name>.ts: `npm run bench -- store`.
if (process.argv[2] === "store") void import("./bench/store");
else runCli(async () => {
  const { values } = parseCli({ ...ENGINE_OPTIONS, rounds: { type: "string", default: "3" } });
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
  // Warm both (first runs allocate arenas), and check they compute the same thing before timing anything.
  const [a, b] = [await baseline.corpus(corpus.slice(0, 64)), await ours.corpus(corpus.slice(0, 64))];
  const agreement = Math.min(...a.map((v, i) => cosine(v, b[i])));

  const baselineTps = await timeCorpus(baseline, corpus, rounds);
  const oursTps = await timeCorpus(ours, corpus, rounds);
  const baselineMs = await timeQueries(baseline, queries);
  const oursMs = await timeQueries(ours, queries);
  const figures = {
    model: modelId,
    graph,
    corpus: corpus.length,
    rounds,
    agreement_min_cosine: Number(agreement.toFixed(6)),
    texts_per_s: { ours: Number(oursTps.toFixed(1)), transformers_pipeline: Number(baselineTps.toFixed(1)), ratio: Number((oursTps / baselineTps).toFixed(2)) },
    query_ms_median: { ours: Number(oursMs.toFixed(2)), transformers_pipeline: Number(baselineMs.toFixed(2)), ratio: Number((baselineMs / oursMs).toFixed(2)) },
    rss_mib: { start: Math.round(rssStart), end: Math.round(rssMiB()) },
  };
  if (values.json) return void console.log(JSON.stringify(figures));
  console.log(`Benchmark: ${modelId} (${graph}), ${corpus.length} STS sentences, median of ${rounds} rounds; vectors agree to cosine >= ${figures.agreement_min_cosine}`);
  console.log("");
  console.log("| measure | our engine | transformers.js pipeline | ratio |");
  console.log("| --- | ---: | ---: | ---: |");
  console.log(`| corpus texts/s | ${figures.texts_per_s.ours} | ${figures.texts_per_s.transformers_pipeline} | ${figures.texts_per_s.ratio}x |`);
  console.log(`| single query ms (median of ${QUERY_RUNS}) | ${figures.query_ms_median.ours} | ${figures.query_ms_median.transformers_pipeline} | ${figures.query_ms_median.ratio}x |`);
  console.log("");
  console.log(`Process memory (RSS, both models loaded): ${figures.rss_mib.start} MiB at start, ${figures.rss_mib.end} MiB at end`);
});
