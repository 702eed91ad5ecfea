/**
 * Reads what the CUDA check's phases left in the work folder into one CudaCheckResults for the summary.
 * The labels are run.sh's: "bert-<device>" for the random BERT of the throughput runs, "minilm-<device>" for the
 * real all-MiniLM-L6-v2; a "-cuda" label whose JSON says another device was a dry run on that device.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { POOLINGS } from "../../lib/pooling";
import { readF32IfAny, readJsonIfAny } from "../gpu-check/check-io";
import { agreement } from "../gpu-check/compare";
import { workFiles } from "./phases";
import type { CudaCheckResults, StsFigure, ThroughputFigure } from "./summary";

interface EmbedJson {
  device: string;
  skipped?: string;
  textsPerSecond?: number;
  dims?: number;
}

interface TorchJson {
  status: string;
  reason?: string;
  e2e?: { textsPerSecond: number };
  forward?: { textsPerSecond: number };
}

/** The folder run.sh builds the random-weight BERT into, and how the summary names it. */
const RANDOM_BERT = "random-bert-minilm-l6-architecture";
export const THROUGHPUT_MODEL = "random-weight BERT with all-MiniLM-L6-v2's architecture, fp32";
const modelName = (id?: string) => (id === undefined || id === RANDOM_BERT ? THROUGHPUT_MODEL : `${id}, fp32`);
const BERT_DEVICES = ["cuda", "webgpu", "cpu"] as const;

/** "engine cuda", or "engine cuda (dry run on cpu)" when the phase ran elsewhere. */
function enginePath(label: string, json: EmbedJson): string {
  const wanted = label.slice(label.lastIndexOf("-") + 1);
  return json.device === wanted ? `engine ${wanted}` : `engine ${wanted} (dry run on ${json.device})`;
}

function engineFigure(work: string, label: string): ThroughputFigure {
  const json = readJsonIfAny<EmbedJson>(workFiles(work).embed(label));
  if (!json) return { path: `engine ${label.slice(label.lastIndexOf("-") + 1)}`, skipped: "this phase did not run" };
  return json.skipped ? { path: enginePath(label, json), skipped: json.skipped } : { path: enginePath(label, json), textsPerSecond: json.textsPerSecond };
}

function torchFigures(work: string): ThroughputFigure[] {
  const torch = readJsonIfAny<TorchJson>(join(work, "torch.json"));
  if (!torch || torch.status !== "ok") {
    const skipped = torch?.reason ?? "torch-bench.py did not run";
    return [{ path: "pytorch cuda e2e", skipped }, { path: "pytorch cuda forward only", skipped }];
  }
  return [{ path: "pytorch cuda e2e", textsPerSecond: torch.e2e?.textsPerSecond }, { path: "pytorch cuda forward only", textsPerSecond: torch.forward?.textsPerSecond }];
}

/** Lowest cosine per pooling between two labels' vectors of the same texts, or undefined when either is missing. */
export function parityOf(work: string, label: string, reference: string): Record<string, number> | undefined {
  const dims = readJsonIfAny<EmbedJson>(workFiles(work).embed(label))?.dims;
  if (!dims) return undefined;
  const lowest: Record<string, number> = {};
  for (const pooling of POOLINGS) {
    const a = readF32IfAny(workFiles(work).vectors(label, pooling));
    const b = readF32IfAny(workFiles(work).vectors(reference, pooling));
    if (!a || !b) return undefined;
    lowest[pooling] = agreement(a, b, dims).min;
  }
  return lowest;
}

/** `npm run gpu:setup`'s report lines, without its prefix. */
function setupLines(work: string): string[] {
  const log = join(work, "setup.log");
  if (!existsSync(log)) return ["gpu:setup did not run"];
  return readFileSync(log, "utf8").split("\n").filter((l) => l.startsWith("[gpu-setup] ") && !l.startsWith("[gpu-setup]   ")).map((l) => l.slice(12));
}

export function collectResults(work: string, machine: string, date = new Date().toISOString().slice(0, 10)): CudaCheckResults {
  const probe = readJsonIfAny<CudaCheckResults["probe"]>(workFiles(work).probe) ?? { ok: false, reason: "the probe phase did not run" };
  const sts = readdirSync(work)
    .filter((f) => /^sts-.+\.json$/.test(f))
    .map((f) => readJsonIfAny<StsFigure & { skipped?: string }>(join(work, f))!)
    .filter((f) => f && !f.skipped);
  const plan = readJsonIfAny<{ model?: string }>(workFiles(work).plan);
  const parity = [
    { model: modelName(plan?.model), lowest: parityOf(work, "bert-cuda", "bert-cpu") },
    { model: "all-MiniLM-L6-v2 (fp32)", lowest: parityOf(work, "minilm-cuda", "minilm-cpu") },
  ].filter((p): p is { model: string; lowest: Record<string, number> } => p.lowest !== undefined);
  const texts = readJsonIfAny<string[]>(workFiles(work).texts)?.length ?? 0;
  const figures = [...BERT_DEVICES.map((d) => engineFigure(work, `bert-${d}`)), ...torchFigures(work)];
  const qwen3 = readJsonIfAny<CudaCheckResults["qwen3"]>(join(work, "qwen3.json")) ?? { skipped: "no Qwen3 builder in this tree yet" };
  return { machine, date, setup: setupLines(work), probe, sts, parity, throughput: { texts, model: modelName(plan?.model), figures }, qwen3 };
}
