/**
 * Where the time goes, and what each change buys: the corpus embedded under several variants of the engine's
 * path, each timed by phase (tokenize, prepare, run, download, pool), with the graph and settings it names.
 * It runs its own loop over lib/engine's tokenizer and batcher (not the engine's embed), so a variant can
 * change one thing at a time; "engine" is that loop as the engine runs it today.
 *   node check.cjs variants --work DIR --device webgpu|cpu
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import * as ort from "onnxruntime-node";
import { BATCH_LIMITS, buildBatch, describeModel, encodeTexts, loadTokenizer, paddedTokens, planBatches, type EncodedText } from "../../lib/engine/tools";
import { POOLINGS, l2NormalizeRows, pool, poolingWeights, splitPooled, type Pooling } from "../../lib/pooling";
import { MODEL_ID, readJsonIfAny, workPaths, writeF32, writeJson } from "./check-io";
import { summarizeProfile } from "./ort-profile";
import { createTokenizerPool, type TokenizerPool } from "./tokenize-pool";

// "pooled" is the graph the engine runs (written by lib/engine/pooled-graph.mjs in the plan phase, beside the
// model); "pooled-fp16" is pool-graph.py's (onnxruntime's float16 converter needs Python).
export const GRAPHS = { base: "model.onnx", pooled: "model_pooled.onnx", "pooled-fp16": "model-pooled-fp16.onnx" } as const;
type GraphName = keyof typeof GRAPHS;
export const graphPath = (work: string, graph: GraphName) =>
  graph === "pooled-fp16" ? join(work, "graphs", GRAPHS[graph]) : join(workPaths(work).model, "onnx", GRAPHS[graph]);

export interface Variant {
  name: string;
  graph: GraphName;
  /** Where onnxruntime leaves outputs: "gpu-buffer" makes the download a separate, timed step. */
  output: "cpu" | "gpu-buffer";
  tokenBudget: number;
  maxBatchSize: number;
  tokenizeThreads: number;
  /** Also run a profiled session (enableProfiling) after the timed passes. */
  profile?: boolean;
}

const v = (name: string, graph: GraphName, budget: [number, number], extra: Partial<Variant> = {}): Variant =>
  ({ name, graph, output: "cpu", tokenBudget: budget[0], maxBatchSize: budget[1], tokenizeThreads: 1, ...extra });
const GPU = [32768, 512] as [number, number]; // BATCH_LIMITS.webgpu today
const CPU = [2048, 64] as [number, number]; // BATCH_LIMITS.cpu today

/**
 * Since the engine adopted the pooled graph (issue 13, third run): "engine" is the loop as it ran before, the
 * rest what is left to weigh (fp16, tokenizer threads) and the one combination not measured before. Dropped
 * after the second run: larger token budgets (slower: more padding) and gpu-buffer outputs (abort the process).
 */
export function variantsFor(device: "webgpu" | "cpu", cores: number): Variant[] {
  const threads = Math.max(2, Math.min(8, cores));
  if (device === "cpu") return [v("engine", "base", CPU), v("pooled", "pooled", CPU), v(`pooled+tok${threads}`, "pooled", CPU, { tokenizeThreads: threads })];
  return [
    v("engine", "base", GPU),
    v("pooled", "pooled", GPU),
    v("pooled-fp16", "pooled-fp16", GPU),
    v(`pooled+tok${threads}`, "pooled", GPU, { tokenizeThreads: threads }),
    v(`pooled-fp16+tok${threads}`, "pooled-fp16", GPU, { tokenizeThreads: threads }),
  ];
}

interface Phases {
  tokenizeMs: number;
  prepareMs: number;
  runMs: number;
  downloadMs: number;
  poolMs: number;
  totalMs: number;
}
const now = () => performance.now();
const WARM_MIN_PASSES = 3;
const WARM_MIN_MS = 1500; // long enough for nvidia-smi to see the load

interface Context {
  work: string;
  device: "webgpu" | "cpu";
  corpus: string[];
  entry?: string;
}

async function openSession(path: string, device: string, variant: Variant, profilePrefix?: string) {
  return ort.InferenceSession.create(path, {
    executionProviders: [device],
    graphOptimizationLevel: "all",
    logSeverityLevel: 3,
    ...(variant.output === "gpu-buffer" ? { preferredOutputLocation: "gpu-buffer" as const } : {}),
    ...(profilePrefix ? { enableProfiling: true, profileFilePrefix: profilePrefix } : {}),
  });
}

const data = async (tensor: ort.Tensor) => (tensor.location === "gpu-buffer" ? ((await tensor.getData()) as Float32Array) : (tensor.data as Float32Array));

/** One pass over the corpus; returns its phases and the normalized vectors ([count, dim] per pooling). */
async function pass(ctx: Context, session: ort.InferenceSession, variant: Variant, tokenize: (texts: string[]) => Promise<EncodedText[]>) {
  const model = describeModel(workPaths(ctx.work).model, MODEL_ID);
  const t: Phases = { tokenizeMs: 0, prepareMs: 0, runMs: 0, downloadMs: 0, poolMs: 0, totalMs: 0 };
  const started = now();
  const encoded = await tokenize(ctx.corpus);
  t.tokenizeMs = now() - started;
  const dim = model.hiddenSize;
  const vectors = Object.fromEntries(POOLINGS.map((p) => [p, new Float32Array(ctx.corpus.length * dim)])) as Record<Pooling, Float32Array>;
  const lengths = encoded.map((e) => e.ids.length);
  const batches = planBatches(lengths, { tokenBudget: variant.tokenBudget, maxBatchSize: variant.maxBatchSize, runOverheadTokens: BATCH_LIMITS.webgpu.runOverheadTokens });
  const pooled = variant.graph !== "base";
  for (const indices of batches) {
    let mark = now();
    const b = buildBatch(indices.map((i) => encoded[i]), 0, model.paddingSide);
    const shape = [b.batch, b.seq];
    const feeds: Record<string, ort.Tensor> = {
      input_ids: new ort.Tensor("int64", b.inputIds, shape),
      attention_mask: new ort.Tensor("int64", BigInt64Array.from(b.attentionMask, BigInt), shape),
      token_type_ids: new ort.Tensor("int64", new BigInt64Array(b.inputIds.length), shape),
    };
    if (pooled) feeds.pool_weights = new ort.Tensor("float32", poolingWeights(b.attentionMask, b.specialMask, b.batch, b.seq), [b.batch, 4, b.seq]);
    const fetches = pooled ? ["pooled", "pooled_max"] : ["last_hidden_state"];
    const prepared = now();
    t.prepareMs += prepared - mark;
    const outputs = await session.run(feeds, fetches);
    t.runMs += now() - prepared;
    mark = now();
    const values = await Promise.all(fetches.map((name) => data(outputs[name])));
    t.downloadMs += now() - mark;
    mark = now();
    const byPooling = pooled
      ? splitPooled(values[0], values[1], b.batch, dim)
      : (Object.fromEntries(POOLINGS.map((p) => [p, pool(p, { hidden: values[0], attentionMask: b.attentionMask, specialMask: b.specialMask, batch: b.batch, seq: b.seq, dim })])) as Record<Pooling, Float32Array>);
    for (const p of POOLINGS) {
      const rows = l2NormalizeRows(byPooling[p], dim); // [batch, dim]
      indices.forEach((input, row) => vectors[p].set(rows.subarray(row * dim, (row + 1) * dim), input * dim));
    }
    t.poolMs += now() - mark;
    for (const name of fetches) outputs[name].dispose();
  }
  t.totalMs = now() - started;
  return { phases: t, vectors, batches: batches.length, paddedTokens: paddedTokens(lengths, batches) };
}

/** nvidia-smi sampling while `work` runs: the GPU's busy % as the driver reports it (null without nvidia-smi). */
async function sampleGpu<T>(ctx: Context, work: () => Promise<T>): Promise<{ value: T; gpu: { max: number; mean: number; samples: number } | null }> {
  if (ctx.device !== "webgpu") return { value: await work(), gpu: null };
  const samples: number[] = [];
  const smi = spawn("nvidia-smi", ["--query-gpu=utilization.gpu", "--format=csv,noheader,nounits", "-lms", "100"], { stdio: ["ignore", "pipe", "ignore"] });
  smi.on("error", () => undefined);
  smi.stdout.on("data", (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) if (line.trim() !== "" && Number.isFinite(Number(line))) samples.push(Number(line));
  });
  try {
    const value = await work();
    return { value, gpu: samples.length ? { max: Math.max(...samples), mean: samples.reduce((a, b) => a + b, 0) / samples.length, samples: samples.length } : null };
  } finally {
    smi.kill();
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function runVariant(ctx: Context, variant: Variant, tokenizers: Map<number, TokenizerPool>) {
  const path = graphPath(ctx.work, variant.graph);
  if (!existsSync(path)) return { name: variant.name, status: "skipped", reason: `no graph ${path} (see the graphs phase)` };
  const model = describeModel(workPaths(ctx.work).model, MODEL_ID);
  const single = loadTokenizer(model);
  let tokenize = async (texts: string[]) => encodeTexts(single, model, texts, "document").encoded;
  if (variant.tokenizeThreads > 1) {
    if (!ctx.entry) return { name: variant.name, status: "skipped", reason: "tokenizer workers need the bundle (check.cjs)" };
    if (!tokenizers.has(variant.tokenizeThreads)) {
      tokenizers.set(variant.tokenizeThreads, await createTokenizerPool(ctx.entry, { role: "tokenizer", modelDir: model.dir, modelId: MODEL_ID }, variant.tokenizeThreads));
    }
    const workers = tokenizers.get(variant.tokenizeThreads)!;
    tokenize = (texts) => workers.encode(texts, "document");
  }
  const loadStarted = now();
  const session = await openSession(path, ctx.device, variant);
  const loadMs = now() - loadStarted;
  const cold = await pass(ctx, session, variant, tokenize);
  const { value: warm, gpu } = await sampleGpu(ctx, async () => {
    const passes = [];
    const started = now();
    while (passes.length < WARM_MIN_PASSES || now() - started < WARM_MIN_MS) passes.push(await pass(ctx, session, variant, tokenize));
    return passes;
  });
  await session.release();
  const totals = warm.map((p) => p.phases.totalMs);
  const chosen = warm[totals.indexOf(median(totals))];
  for (const p of POOLINGS) writeF32(workPaths(ctx.work).vectors(`variant-${ctx.device}-${variant.name}`, p), chosen.vectors[p]);
  const profile = variant.profile ? await profileVariant(ctx, variant, path, tokenize) : undefined;
  const result = {
    name: variant.name, status: "ok", variant, loadMs, batches: chosen.batches, paddedTokens: chosen.paddedTokens,
    cold: { textsPerSecond: (ctx.corpus.length * 1000) / cold.phases.totalMs, phases: cold.phases },
    warm: { passes: warm.length, textsPerSecond: (ctx.corpus.length * 1000) / chosen.phases.totalMs, phases: chosen.phases, totalsMs: totals },
    gpuBusyPercent: gpu, profile,
  };
  const f = chosen.phases;
  console.log(`  ${variant.name.padEnd(34)} ${result.warm.textsPerSecond.toFixed(0).padStart(6)} texts/s warm | tokenize ${f.tokenizeMs.toFixed(1)} prepare ${f.prepareMs.toFixed(1)} run ${f.runMs.toFixed(1)} download ${f.downloadMs.toFixed(1)} pool ${f.poolMs.toFixed(1)} ms | ${chosen.batches} batches${gpu ? ` | GPU busy max ${gpu.max}% mean ${gpu.mean.toFixed(0)}%` : ""}`);
  return result;
}

/** A second session with onnxruntime's profiler on: a cold and a warm pass, then the profile file, summarized. */
async function profileVariant(ctx: Context, variant: Variant, path: string, tokenize: (texts: string[]) => Promise<EncodedText[]>) {
  const prefix = join(ctx.work, `ortprofile-${ctx.device}-${variant.name}`);
  try {
    const session = await openSession(path, ctx.device, variant, prefix);
    await pass(ctx, session, variant, tokenize);
    const warm = await pass(ctx, session, variant, tokenize);
    session.endProfiling();
    await session.release();
    const dir = ctx.work;
    const file = readdirSync(dir).filter((f) => join(dir, f).startsWith(prefix) && f.endsWith(".json")).sort().pop();
    const events = file ? readJsonIfAny<unknown[]>(join(dir, file)) : undefined;
    if (!events) return { error: `no profile file with prefix ${prefix}` };
    return { file, warmPhases: warm.phases, ...summarizeProfile(events as never) };
  } catch (error) {
    return { error: (error as Error).message.split("\n")[0] };
  }
}

/** Which variants one process runs: `only` names them, `skip` drops those whose name contains it. */
export interface VariantFilter {
  only?: string[];
  skip?: string;
}

/**
 * Runs the device's variants (or those the filter keeps) and merges their results into variants-<device>.json,
 * so a variant that can abort its process natively (gpu-buffer outputs did, on the H100) runs in its own.
 */
export async function variantsPhase(work: string, device: "webgpu" | "cpu", cores: number, entry?: string, filter: VariantFilter = {}): Promise<void> {
  const ctx: Context = { work, device, corpus: readJsonIfAny<string[]>(workPaths(work).texts) ?? [], entry };
  const tokenizers = new Map<number, TokenizerPool>();
  const file = join(work, `variants-${device}.json`);
  const chosen = variantsFor(device, cores).filter((x) => (!filter.only || filter.only.includes(x.name)) && !(filter.skip && x.name.includes(filter.skip)));
  const results: Record<string, unknown>[] = (readJsonIfAny<Record<string, unknown>[]>(file) ?? []).filter((r) => !chosen.some((x) => x.name === r.name));
  console.log(`variants on ${device} (${ctx.corpus.length} texts): ${chosen.map((x) => x.name).join(", ")}`);
  for (const variant of chosen) {
    try {
      results.push(await runVariant(ctx, variant, tokenizers));
    } catch (error) {
      const reason = (error as Error).message.split("\n")[0];
      console.log(`  ${variant.name}: failed: ${reason}`);
      results.push({ name: variant.name, status: "failed", reason, variant });
    }
    writeJson(file, results); // what finished survives a later hang or abort
  }
  for (const pool of tokenizers.values()) await pool.close();
}
