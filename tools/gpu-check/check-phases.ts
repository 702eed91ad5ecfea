/**
 * The engine-side phases of the GPU check. Each runs in its own node process (run.sh), so a provider that
 * brings its process down costs one phase, not the run. They use the engine's public face for tools only
 * (lib/engine/tools.ts) and leave JSON and raw float32 files in the work folder for the report.
 */
import { readFileSync } from "node:fs";
import os from "node:os";
import {
  BATCH_LIMITS,
  describeModel,
  encodeTexts,
  ensurePooledGraphs,
  loadInThreadEngine,
  loadTokenizer,
  paddedTokens,
  planBatches,
  probeProvider,
  withoutPooledGraphs,
  type Device,
  type EmbedResult,
} from "../../lib/engine/tools";
import { POOLINGS } from "../../lib/pooling";
import { agreement, textsPerSecond } from "./compare";
import { MODEL_ID, readJsonIfAny, timed, workPaths, writeF32, writeJson } from "./check-io";

// PyTorch runs the batches the engine plans on a GPU.
const GPU_LIMITS = BATCH_LIMITS.webgpu;

// Generous: the first WebGPU load compiles shaders and uploads 90 MB; a hang still ends well inside run.sh's limit.
const PROBE_TIMEOUT_MS = 90_000;

const modelIn = (work: string) => describeModel(workPaths(work).model, MODEL_ID);
const texts = (work: string) => readJsonIfAny<string[]>(workPaths(work).texts) ?? [];
const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split("\n")[0];

/**
 * Writes the pooled graph the engine prefers (as the model install does), then tokenizes the corpus and plans
 * batches exactly as the engine does, for PyTorch to run the same shapes.
 */
export function planPhase(work: string, source: string, limit: number): void {
  for (const graph of ensurePooledGraphs(workPaths(work).model)) console.log(`pooled graph for ${graph.file}: ${graph.status}${"reason" in graph ? ` (${graph.reason})` : ""}`);
  const all = JSON.parse(readFileSync(source, "utf8")) as string[];
  const corpus = all.slice(0, limit);
  writeJson(workPaths(work).texts, corpus);
  const model = modelIn(work);
  const { encoded } = encodeTexts(loadTokenizer(model), model, corpus, "document");
  const lengths = encoded.map((e) => e.ids.length);
  const batches = planBatches(lengths, GPU_LIMITS);
  const plan = {
    model: MODEL_ID,
    count: corpus.length,
    maxTokens: model.maxTokens,
    tokenBudget: GPU_LIMITS.tokenBudget,
    maxBatchSize: GPU_LIMITS.maxBatchSize,
    tokens: lengths.reduce((a, b) => a + b, 0),
    paddedTokens: paddedTokens(lengths, batches),
    batches,
    ids: encoded.map((e) => e.ids),
  };
  writeJson(workPaths(work).plan, plan);
  console.log(`plan: ${plan.count} texts, ${plan.tokens} tokens (${plan.paddedTokens} padded) in ${batches.length} batches (budget ${GPU_LIMITS.tokenBudget} tokens, at most ${GPU_LIMITS.maxBatchSize} rows)`);
}

/** Probes each GPU provider (the exact reason when one fails), then lets `auto` choose as the server would. */
export async function devicesPhase(work: string): Promise<void> {
  const paths = workPaths(work);
  const probes: Record<string, unknown> = {};
  for (const device of ["cuda", "webgpu"] as const) {
    const report = await probeProvider(paths.modelGraph, device, { timeoutMs: PROBE_TIMEOUT_MS });
    probes[device] = report;
    console.log(`probe ${device}: ${report.ok ? `ok in ${report.ms.toFixed(0)} ms, nodes placed ${JSON.stringify(report.placement)}` : `unavailable: ${report.reason}`}`);
  }
  let auto: Record<string, unknown>;
  try {
    const engine = await loadInThreadEngine(modelIn(work), "auto");
    const { device, graph, loadMs, skipped } = engine.info;
    auto = { device, graph, loadMs, skipped };
    await engine.dispose();
  } catch (error) {
    auto = { error: firstLine(error) };
  }
  console.log(`auto: ${JSON.stringify(auto)}`);
  writeJson(paths.devices, { probes, auto });
}

function logProgress(device: Device, label: string) {
  let shown = 0;
  return (event: { type: string; done?: number; total: number }) => {
    if (event.type !== "batch" || event.done === undefined) return;
    const quarter = Math.floor((event.done / event.total) * 4);
    if (quarter > shown) {
      shown = quarter;
      console.log(`  ${device} ${label} pass: ${event.done}/${event.total} texts`);
    }
  };
}

const passFigures = (result: EmbedResult, ms: number) => ({ ms, textsPerSecond: textsPerSecond(result.count, ms), timings: result.timings });

/**
 * Embeds the corpus twice on one device: the cold pass includes first-use costs (WebGPU compiles a shader per
 * kernel and shape), the warm pass is the steady state a server sees. Vectors of the warm pass are kept.
 * The engine runs the pooled graph as the server does; `plain` runs it without (pooling in JavaScript), as the
 * engine did before issue 13, recorded as "<device>-plain". Returns false when the device could not be used.
 */
export async function embedPhase(work: string, device: Device, plain = false): Promise<boolean> {
  const paths = workPaths(work);
  const corpus = texts(work);
  const key = plain ? `${device}-plain` : device;
  let engine;
  try {
    engine = await loadInThreadEngine(plain ? withoutPooledGraphs(modelIn(work)) : modelIn(work), device, "fp32");
  } catch (error) {
    writeJson(paths.embed(key), { device, status: "unavailable", reason: firstLine(error) });
    console.log(`${key}: unavailable: ${firstLine(error)}`);
    return false;
  }
  console.log(`${key}: loaded in ${engine.info.loadMs.toFixed(0)} ms (graph ${engine.info.graph}, ${engine.info.pooledGraph ? "pooled in the graph" : "pooling in JavaScript"}, ${os.cpus().length} CPU threads visible)`);
  const cold = await timed(() => engine.embed(corpus, { onProgress: logProgress(device, "cold") }));
  const warm = await timed(() => engine.embed(corpus, { onProgress: logProgress(device, "warm") }));
  await engine.dispose();
  const repeat: Record<string, number> = {};
  for (const p of POOLINGS) {
    repeat[p] = agreement(cold.value.embeddings[p]!, warm.value.embeddings[p]!, warm.value.dims).min;
    writeF32(paths.vectors(key, p), warm.value.embeddings[p]!);
  }
  const figures = {
    device,
    status: "ok",
    graph: engine.info.graph,
    pooledGraph: engine.info.pooledGraph === true,
    loadMs: engine.info.loadMs,
    count: warm.value.count,
    dims: warm.value.dims,
    cpuThreads: os.cpus().length,
    cold: passFigures(cold.value, cold.ms),
    warm: passFigures(warm.value, warm.ms),
    repeatAgreement: repeat,
  };
  writeJson(paths.embed(key), figures);
  console.log(`${key}: cold ${figures.cold.textsPerSecond.toFixed(0)} texts/s, warm ${figures.warm.textsPerSecond.toFixed(0)} texts/s`);
  return true;
}
