// npm run bench -- [engine] [--model <id | folder>] [--graph fp32|int8] [--rounds 3] [--corpus 2000] [--queries 50]
//                   [--plain] [--json]
//
// Measures, in one run on the same model, texts and machine, our engine against the plain transformers.js
// feature-extraction pipeline called as its docs show (batches of 32 in input order, normalize), pooled as the
// model was trained: last token for a causal decoder (Qwen3-Embedding), mean otherwise. Where the folder also has
// model.safetensors and a Python with torch is at hand (scripts/bench/torch-side.ts), transformers on PyTorch runs
// the same texts in its own process after the JavaScript sides, and joins the table.
// --plain adds our engine without its pooled graph (pooling in JavaScript over [batch, seq, dim]) to the same run,
// so what pooling in the graph buys is a ratio from one run too.
// Prints corpus throughput (texts/s over 2,000 STS sentences), single-query latency (median of 50), memory,
// and the ratios. Queries are embedded as each side's user would: after the model's query prompt (Qwen3's
// instruction), which our engine adds itself and the others are given in the text, as the model card shows.
// Figures, not assertions: these machines are shared and noisy.
import { existsSync, statSync } from "node:fs";
import os from "node:os";
import { basename, dirname, resolve } from "node:path";
import { env, pipeline } from "@huggingface/transformers";
import { config, reloadConfig } from "../../lib/config";
import { AppError } from "../../lib/errors";
import { defaultModelId, getModelInfo, loadEngine, modelsDir, rescanModels } from "../../lib/engine/index";
import { memoryNeed } from "../../lib/engine/memory";
import { loadStsDataset } from "../../lib/eval/sts";
import { cosine } from "../../lib/pooling/normalize";
import { ENGINE_OPTIONS, loadOptionsFrom, parseCli } from "../cli";
import { runTorchSide, torchUnavailable, type TorchFigures } from "./torch-side";

type BenchPooling = "mean" | "last_token";
const PIPELINE_BATCH = 32;

type Embedder = { corpus: (texts: string[]) => Promise<Float32Array[]>; query: (text: string) => Promise<Float32Array> };

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/**
 * A pause before each timed call, not counted. onnxruntime's threads spin-wait for more work after a run by
 * default (the transformers.js session keeps that default; our engine's sessions sleep instead), so a side that
 * started right after another would share the cores with the previous side's spinning threads: measured here,
 * that added about 30 ms to a 100 ms query. Each side starts on idle cores.
 */
const SETTLE_MS = 200;
const settle = () => new Promise((resolve) => setTimeout(resolve, SETTLE_MS));

/**
 * Corpus texts/s of each embedder, median of `rounds`. Rounds take turns (a, b, c, a, b, c, ...) so a change in
 * the machine's load falls on every embedder alike: these machines are shared.
 */
async function timeCorpus(embedders: readonly Embedder[], texts: string[], rounds: number): Promise<number[]> {
  const seconds: number[][] = embedders.map(() => []);
  for (let r = 0; r < rounds; r++) {
    for (const [i, embed] of embedders.entries()) {
      await settle();
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
      await settle();
      const started = performance.now();
      await embed.query(query);
      ms[i].push(performance.now() - started);
    }
  }
  return ms.map(median);
}

async function ourEngine(modelId: string, options: ReturnType<typeof loadOptionsFrom>, pooling: BenchPooling, pooledGraph = true): Promise<Embedder & { pooledGraph: boolean; promptCache: boolean; countTokens: (texts: string[]) => Promise<number[]> }> {
  const engine = await loadEngine(modelId, { ...options, device: options.device ?? "cpu", pooledGraph });
  const rows = (matrix: Float32Array, dims: number) => Array.from({ length: matrix.length / dims }, (_, i) => matrix.subarray(i * dims, (i + 1) * dims));
  return {
    pooledGraph: engine.info.pooledGraph === true,
    promptCache: engine.info.promptCache === true,
    countTokens: (texts) => engine.countTokens(texts),
    corpus: async (texts) => {
      const result = await engine.embed(texts, { poolings: [pooling] });
      return rows(result.embeddings[pooling]!, result.dims);
    },
    // The engine adds the model's query prompt itself (config_sentence_transformers.json).
    query: async (text) => (await engine.embed([text], { kind: "query", poolings: [pooling] })).embeddings[pooling]!,
  };
}

/** `queryPrompt`: what the model card tells a transformers.js user to put before a query (Qwen3's instruction). */
async function transformersPipeline(modelId: string, graph: string, pooling: BenchPooling, queryPrompt: string): Promise<Embedder> {
  env.localModelPath = `${modelsDir()}/`;
  env.allowRemoteModels = false;
  // The same thread count as our engine's sessions when one is set (SEMANTIC_RADAR_THREADS), so neither side gets more cores.
  const threads = config().threads;
  const extractor = await pipeline("feature-extraction", modelId, { device: "cpu", dtype: graph === "int8" ? "q8" : "fp32", ...(threads ? { session_options: { intraOpNumThreads: threads } } : {}) });
  const embed = async (texts: string[]) => {
    const output = await extractor(texts, { pooling, normalize: true });
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
    query: async (text) => (await embed([queryPrompt + text]))[0],
  };
}

function rssMiB(): number {
  return process.memoryUsage().rss / 2 ** 20;
}

const fixed = (value: number, digits = 1) => Number(value.toFixed(digits));

/** `--model` names an installed model, or a model folder anywhere (its parent is then the models folder). */
function modelFromArgument(model: string | undefined): string {
  if (model === undefined) return defaultModelId();
  const folder = resolve(model);
  if (!(model.includes("/") || model.startsWith(".")) || !existsSync(folder)) return model;
  if (!statSync(folder).isDirectory()) throw new AppError("invalid_input", `--model ${model} is a file; expected a model id or a model folder`);
  reloadConfig({ ...process.env, SEMANTIC_RADAR_MODELS_DIR: dirname(folder) });
  rescanModels();
  return basename(folder);
}

function count(value: string, option: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new AppError("invalid_input", `expected --${option} to be a whole number of at least 1, got "${value}"`);
  return n;
}

/** Process RSS growth while `load` runs: what one side's weights and session took (all run in this process). */
async function measured<T>(load: () => Promise<T>): Promise<{ value: T; mib: number }> {
  const before = rssMiB();
  const value = await load();
  return { value, mib: Math.round(rssMiB() - before) };
}

export async function benchEngine(args: string[]): Promise<void> {
  const { values } = parseCli(
    { ...ENGINE_OPTIONS, rounds: { type: "string", default: "3" }, corpus: { type: "string", default: "2000" }, queries: { type: "string", default: "50" }, plain: { type: "boolean", default: false } },
    args,
  );
  const modelId = modelFromArgument(values.model);
  const model = getModelInfo(modelId);
  const pooling: BenchPooling = model.nativePooling === "last_token" ? "last_token" : "mean";
  const options = loadOptionsFrom(values);
  const graph = options.graph ?? "fp32";
  const rounds = count(values.rounds, "rounds");
  const [corpusSize, queryRuns] = [count(values.corpus, "corpus"), count(values.queries, "queries")];
  const sentences = [...new Set(loadStsDataset("stsb-en").flatMap((p) => [p.sentence1, p.sentence2]))];
  const corpus = sentences.slice(0, corpusSize);
  const queries = sentences.slice(corpusSize, corpusSize + queryRuns);
  const torchSkipped = torchUnavailable(model.dir);
  const queryPrompt = model.prompts.query ?? "";

  const rssStart = rssMiB();
  const { value: baseline, mib: baselineMib } = await measured(() => transformersPipeline(modelId, graph, pooling, queryPrompt));
  const { value: ours, mib: oursMib } = await measured(() => ourEngine(modelId, { ...options, graph }, pooling));
  const plain = values.plain ? await ourEngine(modelId, { ...options, graph }, pooling, false) : undefined;
  const engines = [["our engine", ours] as const, ...(plain ? [["our engine, plain graph", plain] as const] : [])];
  // Warm every embedder (first runs allocate arenas), and check they compute the same thing before timing anything.
  const reference = await baseline.corpus(corpus.slice(0, Math.min(64, corpus.length)));
  const referenceQuery = await baseline.query(queries[0]);
  let agreement = 1;
  for (const [, engine] of engines) {
    const b = await engine.corpus(corpus.slice(0, 64));
    agreement = Math.min(agreement, ...reference.map((v, i) => cosine(v, b[i])), cosine(referenceQuery, await engine.query(queries[0])));
  }

  const [baselineTps, ...tps] = await timeCorpus([baseline, ...engines.map(([, engine]) => engine)], corpus, rounds);
  const [baselineMs, ...ms] = await timeQueries([baseline, ...engines.map(([, engine]) => engine)], queries);
  // PyTorch last, in its own process, once the JavaScript sides are done (they stay loaded, idle).
  const torch: TorchFigures | undefined = torchSkipped ? undefined : runTorchSide(model.dir, { corpus, queries: queries.map((query) => queryPrompt + query) }, { rounds, pooling, threads: config().threads });
  if (torch) agreement = Math.min(agreement, ...torch.vectors.map((v, i) => cosine(Float32Array.from(v), reference[i])));
  const queryTokens = await ours.countTokens(queries);
  const need = memoryNeed(model, graph);
  const figures = {
    model: modelId,
    graph,
    pooling,
    pooled_graph: ours.pooledGraph,
    prompt_cache: ours.promptCache,
    // What the prompt adds to a query, and how long the queries are without it (special tokens included).
    query_prompt_tokens: median((await ours.countTokens(queries.map((q) => queryPrompt + q))).map((n, i) => n - queryTokens[i])),
    query_tokens_median: median(queryTokens),
    corpus: corpus.length,
    queries: queries.length,
    rounds,
    agreement_min_cosine: fixed(agreement, 6),
    texts_per_s: {
      ours: fixed(tps[0]),
      transformers_pipeline: fixed(baselineTps),
      ratio: fixed(tps[0] / baselineTps, 2),
      ...(plain ? { ours_plain_graph: fixed(tps[1]), pooled_vs_plain: fixed(tps[0] / tps[1], 2) } : {}),
      ...(torch ? { pytorch: torch.texts_per_s, ratio_vs_pytorch: fixed(tps[0] / torch.texts_per_s, 2) } : {}),
    },
    query_ms_median: {
      ours: fixed(ms[0], 2),
      transformers_pipeline: fixed(baselineMs, 2),
      ratio: fixed(baselineMs / ms[0], 2),
      ...(plain ? { ours_plain_graph: fixed(ms[1], 2) } : {}),
      ...(torch ? { pytorch: torch.query_ms_median, ratio_vs_pytorch: fixed(torch.query_ms_median / ms[0], 2) } : {}),
    },
    memory_mib: {
      ours_loaded: oursMib,
      ours_estimate: Math.round(need.totalBytes / 2 ** 20),
      transformers_pipeline_loaded: baselineMib,
      ...(torch ? { pytorch_peak_rss: torch.peak_rss_mib } : {}),
    },
    pytorch: torch ? { threads: torch.threads, load_s: torch.load_s, versions: torch.versions } : { skipped: torchSkipped },
    rss_mib: { start: Math.round(rssStart), end: Math.round(rssMiB()) },
    load_average: os.loadavg().map((l) => fixed(l, 2)),
  };
  if (values.json) return void console.log(JSON.stringify(figures));
  const label = (name: string, engine: { pooledGraph: boolean; promptCache: boolean }) => `${name} (${engine.pooledGraph ? "pooled graph" : "pooling in JS"}${engine.promptCache ? ", query prompt cached" : ""})`;
  console.log(`Benchmark: ${modelId} (${graph}, ${pooling} pooling), ${corpus.length} STS sentences, median of ${rounds} rounds taken in turns; vectors agree to cosine >= ${figures.agreement_min_cosine}`);
  console.log(`Load average at the end (1, 5, 15 min): ${figures.load_average.join(", ")} on ${os.cpus().length} CPUs`);
  console.log("");
  console.log(`| measure | ${engines.map(([name, engine]) => label(name, engine)).join(" | ")} | transformers.js pipeline | ratio ${engines.map(([name]) => name.replace("our engine", "ours")).join(", ")} |`);
  console.log(`| --- | ${engines.map(() => "---: | ").join("")}---: | ---: |`);
  console.log(`| corpus texts/s | ${tps.map((t) => fixed(t)).join(" | ")} | ${fixed(baselineTps)} | ${tps.map((t) => `${fixed(t / baselineTps, 2)}x`).join(", ")} |`);
  const asQueries = `, ${figures.query_tokens_median} tokens${queryPrompt ? ` after the ${figures.query_prompt_tokens}-token query prompt` : ""}`;
  console.log(`| single query ms (median of ${queries.length}${asQueries}) | ${ms.map((m) => fixed(m, 2)).join(" | ")} | ${fixed(baselineMs, 2)} | ${ms.map((m) => `${fixed(baselineMs / m, 2)}x`).join(", ")} |`);
  if (plain) console.log(`\nPooled graph vs plain graph, corpus: ${figures.texts_per_s.pooled_vs_plain}x`);
  console.log("");
  if (torch) {
    console.log(`\ntransformers ${torch.versions.transformers} on PyTorch ${torch.versions.torch} (${torch.threads} threads, own process, after the others): ${torch.texts_per_s} texts/s (ours ${figures.texts_per_s.ratio_vs_pytorch}x), ${torch.query_ms_median} ms per query (ours ${figures.query_ms_median.ratio_vs_pytorch}x faster)`);
  } else console.log(`\nPyTorch not run: ${torchSkipped}`);
  console.log("");
  console.log(`Memory each side took loading (RSS growth): ours ${oursMib} MiB (estimate ${figures.memory_mib.ours_estimate} MiB), transformers.js ${baselineMib} MiB${torch ? `, PyTorch peak RSS ${torch.peak_rss_mib} MiB` : ""}`);
  console.log(`Process memory (RSS, all models loaded): ${figures.rss_mib.start} MiB at start, ${figures.rss_mib.end} MiB at end`);
}
