/**
 * The CUDA check's verdicts and its summary in Markdown, from the figures the phases left (results.ts reads
 * them). Pure, so every line a GPU run will write is tested here first.
 */

/** Published STS-B test Spearman x100 of each model's native pooling (fp32), which CUDA must reproduce. */
export const STS_EXPECTED = {
  "all-MiniLM-L6-v2": { pooling: "mean", score: 82.03 },
  "bge-small-en-v1.5": { pooling: "cls", score: 85.86 },
} as const;
export type StsModel = keyof typeof STS_EXPECTED;
export const STS_TOLERANCE = 0.01;
/** Lowest cosine between a text's CUDA and CPU vectors, for every pooling. */
export const PARITY_THRESHOLD = 0.9999;
/** Our engine on CUDA against PyTorch CUDA end to end, same network and texts. */
export const THROUGHPUT_TARGET = 0.8;

export interface StsFigure {
  model: string;
  device: string;
  graph: string;
  pooling: string;
  /** Spearman x100 of the native pooling, rounded to 2 decimals as the README prints it. */
  score: number;
}

export interface ThroughputFigure {
  /** "engine cuda", "engine webgpu", "engine cpu", "pytorch cuda e2e", ... */
  path: string;
  textsPerSecond?: number;
  /** Why there is no figure. */
  skipped?: string;
}

export interface CudaCheckResults {
  machine: string;
  date: string;
  /** `npm run gpu:setup`'s lines: where each library came from. */
  setup: string[];
  probe: { ok: boolean; reason?: string; placement?: Record<string, number> };
  sts: StsFigure[];
  /** Lowest cosine per pooling, CUDA vs CPU; per model checked. */
  parity: { model: string; lowest: Record<string, number> }[];
  throughput: { texts: number; model: string; figures: ThroughputFigure[] };
  /** The Qwen3-shaped comparison, or why it did not run. */
  qwen3: { skipped: string } | { figures: ThroughputFigure[]; lowestCosine?: number };
}

export type Verdict = "pass" | "fail" | "missing";

export function stsVerdict(figure: StsFigure): Verdict {
  const expected = STS_EXPECTED[figure.model as StsModel];
  if (!expected || figure.pooling !== expected.pooling) return "missing";
  return Math.abs(figure.score - expected.score) <= STS_TOLERANCE + 1e-9 ? "pass" : "fail";
}

export function parityVerdict(lowest: Record<string, number>): Verdict {
  const values = Object.values(lowest);
  if (values.length === 0) return "missing";
  return values.every((v) => v > PARITY_THRESHOLD) ? "pass" : "fail";
}

const rate = (figure?: ThroughputFigure) => figure?.textsPerSecond;

/** Our engine on CUDA over PyTorch CUDA end to end, when both ran. */
export function cudaRatio(figures: readonly ThroughputFigure[]): number | undefined {
  const ours = rate(figures.find((f) => f.path === "engine cuda"));
  const torch = rate(figures.find((f) => f.path === "pytorch cuda e2e"));
  return ours && torch ? ours / torch : undefined;
}

/** pass only when every part ran and met its bar; missing when a part could not run here. */
export function overallVerdict(results: CudaCheckResults): Verdict {
  if (!results.probe.ok) return "missing";
  const parts: Verdict[] = [
    ...Object.keys(STS_EXPECTED).map((model) => {
      const figure = results.sts.find((f) => f.model === model);
      return figure ? stsVerdict(figure) : "missing";
    }),
    results.parity.length ? (results.parity.every((p) => parityVerdict(p.lowest) === "pass") ? "pass" : "fail") : "missing",
  ];
  const ratio = cudaRatio(results.throughput.figures);
  parts.push(ratio === undefined ? "missing" : ratio >= THROUGHPUT_TARGET ? "pass" : "fail");
  return parts.includes("fail") ? "fail" : parts.includes("missing") ? "missing" : "pass";
}

const fixed = (n: number, digits: number) => n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

function throughputRows(figures: readonly ThroughputFigure[]): string[] {
  const torch = rate(figures.find((f) => f.path === "pytorch cuda e2e"));
  return figures.map((f) => {
    if (f.textsPerSecond === undefined) return `| ${f.path} | skipped: ${f.skipped ?? "no figure"} | |`;
    const ratio = torch ? `${fixed(f.textsPerSecond / torch, 2)}x` : "-";
    return `| ${f.path} | ${fixed(f.textsPerSecond, 0)} | ${ratio} |`;
  });
}

/** The summary a GPU run commits: what ran, each figure beside its bar, and the verdicts. */
export function summaryMarkdown(results: CudaCheckResults): string {
  const lines = [`# CUDA check: ${results.machine}, ${results.date}`, "", `Verdict: **${overallVerdict(results)}**`, ""];
  lines.push("## Provider", "", ...results.setup.map((line) => `- ${line}`));
  const placement = Object.entries(results.probe.placement ?? {}).map(([ep, n]) => `${n} on ${ep}`).join(", ");
  lines.push(`- probe: ${results.probe.ok ? `CUDA runs (${placement || "placement not logged"})` : `CUDA cannot run: ${results.probe.reason}`}`, "");

  lines.push(`## STS-B test on CUDA (fp32; published figure within ${STS_TOLERANCE})`, "", "| model | pooling | Spearman x100 | published | verdict |", "| --- | --- | ---: | ---: | --- |");
  for (const [model, expected] of Object.entries(STS_EXPECTED)) {
    const figure = results.sts.find((f) => f.model === model);
    lines.push(figure
      ? `| ${model} | ${figure.pooling} | ${fixed(figure.score, 2)} | ${fixed(expected.score, 2)} | ${stsVerdict(figure)} (${figure.graph} on ${figure.device}) |`
      : `| ${model} | ${expected.pooling} | - | ${fixed(expected.score, 2)} | missing |`);
  }

  lines.push("", `## Parity with the CPU engine (lowest cosine over the texts; bar > ${PARITY_THRESHOLD})`, "");
  if (results.parity.length === 0) lines.push("missing: no CUDA and CPU vectors of the same texts");
  for (const { model, lowest } of results.parity) {
    lines.push(`${model}: **${parityVerdict(lowest)}**`, "", "| pooling | lowest cosine |", "| --- | ---: |", ...Object.entries(lowest).map(([p, v]) => `| ${p} | ${fixed(v, 6)} |`), "");
  }

  const { texts, model, figures } = results.throughput;
  const ratio = cudaRatio(figures);
  lines.push(`## Throughput: ${fixed(texts, 0)} STS sentences, end to end (${model})`, "", "| path | texts/s | / PyTorch CUDA e2e |", "| --- | ---: | ---: |", ...throughputRows(figures), "");
  lines.push(ratio === undefined ? "Target (>= 0.8x PyTorch CUDA): not measured" : `Target (>= ${THROUGHPUT_TARGET}x PyTorch CUDA): ${fixed(ratio, 2)}x, **${ratio >= THROUGHPUT_TARGET ? "met" : "missed"}**`, "");

  lines.push("## Qwen3-Embedding-0.6B-shaped model against transformers on PyTorch CUDA", "");
  if ("skipped" in results.qwen3) lines.push(`skipped: ${results.qwen3.skipped}`);
  else lines.push("| path | texts/s | / PyTorch CUDA e2e |", "| --- | ---: | ---: |", ...throughputRows(results.qwen3.figures));
  return `${lines.join("\n")}\n`;
}
