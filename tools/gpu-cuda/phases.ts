/**
 * The engine side of the CUDA check, one phase per process (cli.ts lists them). Each leaves JSON, and raw float32
 * vectors where devices are compared, in the work folder; results.ts reads them back for the summary.
 */
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { BATCH_LIMITS, describeModel, encodeTexts, ensurePooledGraphs, loadInThreadEngine, loadTokenizer, paddedTokens, planBatches, probeProvider } from "../../lib/engine/tools";
import { evaluateSts, loadStsDataset } from "../../lib/eval/sts";
import { POOLINGS } from "../../lib/pooling";
import { readJsonIfAny, timed, writeF32, writeJson } from "../gpu-check/check-io";
import { stsSentences } from "../gpu-check/corpus";
import type { EmbedDevice } from "./cli";
import { STS_EXPECTED, type StsModel } from "./summary";

// Generous: a first CUDA session loads cuBLAS (500 MB) and picks kernels; a hang still ends inside run.sh's limit.
const PROBE_TIMEOUT_MS = 90_000;
const STS_TEST = join(process.cwd(), "lib", "eval", "data", "stsbenchmark", "sts-test.csv");
const firstLine = (error: unknown) => (error instanceof Error ? error.message : String(error)).split("\n")[0];

export const workFiles = (work: string) => ({
  probe: join(work, "probe.json"),
  sts: (model: string) => join(work, `sts-${model}.json`),
  texts: join(work, "texts.json"),
  plan: join(work, "plan.json"),
  embed: (label: string) => join(work, `embed-${label}.json`),
  vectors: (label: string, pooling: string) => join(work, `vectors-${label}-${pooling}.f32`),
});

/** A model folder as the engine sees it, with the pooled graph the model install would have written. */
function modelAt(dir: string) {
  for (const graph of ensurePooledGraphs(dir)) if (graph.status === "skipped") console.log(`  ${graph.file}: no pooled graph (${graph.reason})`);
  return describeModel(dir, basename(dir));
}

/** The engine's CUDA probe on the model: CUDA in use with its node placement, or the precise missing piece. */
export async function probePhase(work: string, modelDir: string): Promise<boolean> {
  const report = await probeProvider(join(modelDir, "onnx", "model.onnx"), "cuda", { timeoutMs: PROBE_TIMEOUT_MS });
  writeJson(workFiles(work).probe, report);
  console.log(report.ok ? `cuda probe: ok in ${report.ms.toFixed(0)} ms, nodes ${JSON.stringify(report.placement)}` : `cuda probe: ${report.reason}`);
  return report.ok;
}

/** STS-B test Spearman of a model's native pooling on `device`, fp32 graph, as `npm run eval -- sts` computes it. */
export async function stsPhase(work: string, modelDir: string, device: "cuda" | "cpu"): Promise<void> {
  const id = basename(modelDir);
  const expected = STS_EXPECTED[id as StsModel];
  if (!expected) throw new Error(`no published STS-B figure for ${id}; expected one of ${Object.keys(STS_EXPECTED).join(", ")}`);
  try {
    const engine = await loadInThreadEngine(modelAt(modelDir), device, "fp32");
    const { spearman } = await evaluateSts(engine, loadStsDataset("stsb-en"));
    const { graph, device: used, placement } = engine.info;
    await engine.dispose();
    const score = Number(spearman[expected.pooling].toFixed(2));
    writeJson(workFiles(work).sts(id), { model: id, device: used, graph, pooling: expected.pooling, score, spearman, placement });
    console.log(`sts ${id} on ${used} (${graph}): ${expected.pooling} ${score.toFixed(2)} (published ${expected.score.toFixed(2)})`);
  } catch (error) {
    writeJson(workFiles(work).sts(id), { model: id, device, skipped: firstLine(error) });
    console.log(`sts ${id}: not measured: ${firstLine(error)}`);
  }
}

/** The corpus, and the batches the engine plans for it on CUDA, for PyTorch to run the same shapes (torch-bench.py). */
export function planPhase(work: string, modelDir: string, count: number): void {
  const texts = stsSentences(readFileSync(STS_TEST, "utf8"), count);
  const model = modelAt(modelDir);
  const { encoded } = encodeTexts(loadTokenizer(model), model, texts, "document");
  const lengths = encoded.map((e) => e.ids.length);
  const limits = BATCH_LIMITS.cuda;
  const batches = planBatches(lengths, limits);
  writeJson(workFiles(work).texts, texts);
  writeJson(workFiles(work).plan, { model: model.id, count: texts.length, maxTokens: model.maxTokens, tokenBudget: limits.tokenBudget, paddedTokens: paddedTokens(lengths, batches), batches, ids: encoded.map((e) => e.ids) });
  console.log(`plan: ${texts.length} texts, ${lengths.reduce((a, b) => a + b, 0)} tokens (${paddedTokens(lengths, batches)} padded) in ${batches.length} batches`);
}

/**
 * Embeds the corpus with the engine on `device`: one cold pass (first-use costs), then `passes` warm ones; the
 * median warm pass is the figure. Keeps the last pass's vectors of every pooling. A device that cannot start is
 * recorded with its reason: the run goes on.
 */
export async function embedPhase(work: string, modelDir: string, device: EmbedDevice, label: string, passes: number): Promise<void> {
  const texts = readJsonIfAny<string[]>(workFiles(work).texts);
  if (!texts) throw new Error(`no ${workFiles(work).texts}: run the plan phase first`);
  let engine;
  try {
    engine = await loadInThreadEngine(modelAt(modelDir), device, "fp32");
  } catch (error) {
    writeJson(workFiles(work).embed(label), { device, skipped: firstLine(error) });
    console.log(`${label}: ${device} unavailable: ${firstLine(error)}`);
    return;
  }
  const cold = await timed(() => engine.embed(texts));
  const warm: number[] = [];
  let last = cold.value;
  for (let i = 0; i < passes; i++) {
    const pass = await timed(() => engine.embed(texts));
    warm.push(pass.ms);
    last = pass.value;
  }
  const { graph, placement, pooledGraph } = engine.info;
  await engine.dispose();
  for (const p of POOLINGS) writeF32(workFiles(work).vectors(label, p), last.embeddings[p]!);
  const median = [...warm].sort((a, b) => a - b)[Math.floor(warm.length / 2)];
  const textsPerSecond = (texts.length * 1000) / median;
  writeJson(workFiles(work).embed(label), { device, graph, pooledGraph, placement, count: last.count, dims: last.dims, coldMs: cold.ms, warmMs: warm, textsPerSecond });
  console.log(`${label}: ${device} ${textsPerSecond.toFixed(0)} texts/s warm (median of ${passes}), cold pass ${cold.ms.toFixed(0)} ms`);
}
