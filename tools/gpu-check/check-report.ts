/**
 * The GPU check's verdict: gathers what the phases left in the work folder, compares vectors across devices,
 * prints the figures with their ratios, and writes results.json. Pieces that did not run are reported as such.
 */
import { join } from "node:path";
import { POOLINGS } from "../../lib/pooling";
import { agreement, neighbourBaseline, parseGpuSamples, ratio, type Agreement } from "./compare";
import { readF32IfAny, readJsonIfAny, readTextIfAny, workPaths, writeJson } from "./check-io";
import { assembleVariants, printVariants } from "./variants-report";

/** Vectors of one text on two devices must agree at least this well, for every pooling. */
export const AGREEMENT_THRESHOLD = 0.999;

export const EXIT = { pass: 0, disagree: 1, incomplete: 2, webgpuUnavailable: 3 } as const;

interface EmbedFigures {
  status: string;
  reason?: string;
  dims?: number;
  cold?: { textsPerSecond: number };
  warm?: { textsPerSecond: number };
}
interface TorchFigures {
  status: string;
  reason?: string;
  e2e?: { textsPerSecond: number };
  forward?: { textsPerSecond: number };
}

function compareVectors(work: string, a: string, b: string, poolings: readonly string[], dims: number) {
  const paths = workPaths(work);
  const result: Record<string, Agreement> = {};
  for (const p of poolings) {
    const x = readF32IfAny(paths.vectors(a, p));
    const y = readF32IfAny(paths.vectors(b, p));
    if (x && y) result[p] = agreement(x, y, dims);
  }
  return result;
}

const fmt = (n: number | null | undefined, digits = 0) => (n === null || n === undefined || !Number.isFinite(n) ? "-" : n.toFixed(digits));

function printTable(rows: [string, number | undefined][], ratios: Record<string, number | null>): void {
  console.log("\n  path                                   texts/s");
  for (const [label, value] of rows) console.log(`  ${label.padEnd(38)} ${fmt(value).padStart(8)}`);
  for (const [label, value] of Object.entries(ratios)) console.log(`  ratio ${label.padEnd(32)} ${value === null ? "       -" : `${fmt(value, 2).padStart(7)}x`}`);
}

interface DevicesFile {
  probes?: Record<string, { ok: boolean; reason?: string; placement?: Record<string, number>; softwareAdapter?: string }>;
  auto?: { device?: string; skipped?: { device: string; reason: string }[]; error?: string };
}

/** Where the nodes ran, what auto chose, and what the GPU itself showed: the honesty checks behind the figures. */
function printDevices(devices: DevicesFile | undefined, gpu: ReturnType<typeof parseGpuSamples>): void {
  console.log("");
  for (const [device, probe] of Object.entries(devices?.probes ?? {})) {
    const where = probe.ok ? `ok, nodes placed ${JSON.stringify(probe.placement)}${probe.softwareAdapter ? `, SOFTWARE adapter ${probe.softwareAdapter}` : ""}` : probe.reason;
    console.log(`  probe ${device}: ${where}`);
  }
  const auto = devices?.auto;
  if (auto) console.log(`  auto chose ${auto.device ?? `nothing (${auto.error})`}; skipped: ${(auto.skipped ?? []).map((s) => s.device).join(", ") || "none"}`);
  if (gpu) console.log(`  GPU while webgpu ran: up to ${gpu.maxUtilizationPercent}% busy, memory ${gpu.memoryBeforeMiB} -> ${gpu.memoryPeakMiB} MiB (${gpu.samples} samples)`);
}

type Verdict = "pass" | "vectors-disagree" | "incomplete" | "webgpu-unavailable";
const EXIT_OF: Record<Verdict, number> = { pass: EXIT.pass, "vectors-disagree": EXIT.disagree, incomplete: EXIT.incomplete, "webgpu-unavailable": EXIT.webgpuUnavailable };

function agreementOf(work: string, dims: number) {
  const baseline: Record<string, number> = {};
  for (const p of POOLINGS) {
    const m = readF32IfAny(workPaths(work).vectors("cpu", p));
    if (m && dims) baseline[p] = neighbourBaseline(m, dims);
  }
  return {
    threshold: AGREEMENT_THRESHOLD,
    webgpuVsCpu: dims ? compareVectors(work, "webgpu", "cpu", POOLINGS, dims) : {},
    // The engine with its pooled graph against itself pooling in JavaScript, on the same device (issue 13).
    pooledVsPlain: {
      webgpu: dims ? compareVectors(work, "webgpu", "webgpu-plain", POOLINGS, dims) : {},
      cpu: dims ? compareVectors(work, "cpu", "cpu-plain", POOLINGS, dims) : {},
    },
    torchVsCpu: dims ? compareVectors(work, "torch", "cpu", ["mean", "cls"], dims) : {},
    neighbourBaseline: baseline,
  };
}

/** Everything results.json holds, from the files the phases left. */
function assemble(work: string) {
  const paths = workPaths(work);
  const plan = readJsonIfAny<{ count: number; tokens: number; paddedTokens: number; batches: unknown[] }>(paths.plan);
  const webgpu = readJsonIfAny<EmbedFigures>(paths.embed("webgpu"));
  const cpu = readJsonIfAny<EmbedFigures>(paths.embed("cpu"));
  const webgpuPlain = readJsonIfAny<EmbedFigures>(paths.embed("webgpu-plain"));
  const cpuPlain = readJsonIfAny<EmbedFigures>(paths.embed("cpu-plain"));
  const torch = readJsonIfAny<TorchFigures>(paths.torch);
  const devices = readJsonIfAny<DevicesFile>(paths.devices);
  const agreement = agreementOf(work, cpu?.dims ?? webgpu?.dims ?? 0);
  const speeds = {
    webgpuWarm: webgpu?.warm?.textsPerSecond,
    webgpuCold: webgpu?.cold?.textsPerSecond,
    cpuWarm: cpu?.warm?.textsPerSecond,
    webgpuPlainWarm: webgpuPlain?.warm?.textsPerSecond,
    cpuPlainWarm: cpuPlain?.warm?.textsPerSecond,
    torchCudaEndToEnd: torch?.e2e?.textsPerSecond,
    torchCudaForwardOnly: torch?.forward?.textsPerSecond,
  };
  const plainAgreements = Object.values(agreement.pooledVsPlain).flatMap((byPooling) => Object.values(byPooling));
  const agreed = POOLINGS.every((p) => (agreement.webgpuVsCpu[p]?.min ?? 0) > AGREEMENT_THRESHOLD) && plainAgreements.every((a) => a.min > AGREEMENT_THRESHOLD);
  const verdict: Verdict = webgpu?.status !== "ok" ? "webgpu-unavailable" : cpu?.status !== "ok" ? "incomplete" : agreed ? "pass" : "vectors-disagree";
  const cudaProbe = devices?.probes?.cuda;
  return {
    verdict,
    // Our engine on the CUDA provider: it runs only where onnxruntime-node's CUDA libraries are installed.
    cudaProvider: cudaProbe ? (cudaProbe.ok ? "available" : `skipped: ${cudaProbe.reason}`) : "not probed",
    card: readTextIfAny(paths.gpuName)?.trim() || "unknown",
    texts: plan?.count,
    tokens: plan?.tokens,
    paddedTokens: plan?.paddedTokens,
    batches: plan?.batches.length,
    textsPerSecond: speeds,
    ratios: {
      "webgpu / cpu": ratio(speeds.webgpuWarm, speeds.cpuWarm),
      "webgpu / pytorch-cuda": ratio(speeds.webgpuWarm, speeds.torchCudaEndToEnd),
      "cpu / pytorch-cuda": ratio(speeds.cpuWarm, speeds.torchCudaEndToEnd),
      "webgpu / cpu plain (the cpu engine before issue 13)": ratio(speeds.webgpuWarm, speeds.cpuPlainWarm),
      "webgpu pooled / plain graph": ratio(speeds.webgpuWarm, speeds.webgpuPlainWarm),
      "cpu pooled / plain graph": ratio(speeds.cpuWarm, speeds.cpuPlainWarm),
    },
    agreement,
    gpuWhileWebgpuRan: parseGpuSamples(readTextIfAny(paths.gpuSamples("webgpu")) ?? ""),
    devices,
    embed: { webgpu, cpu, webgpuPlain, cpuPlain },
    torch,
    model: readJsonIfAny(paths.modelReport),
    vulkan: readJsonIfAny(paths.vulkan),
    variants: assembleVariants(work, cpu?.dims ?? webgpu?.dims ?? 0, torch?.e2e?.textsPerSecond),
  };
}

function printResults(results: ReturnType<typeof assemble>): void {
  const { textsPerSecond: speeds, agreement, embed, torch } = results;
  printTable(
    [
      ["our engine, webgpu (warm)", speeds.webgpuWarm],
      ["our engine, webgpu (cold: first pass)", speeds.webgpuCold],
      ["our engine, cpu (warm)", speeds.cpuWarm],
      ["our engine, webgpu, plain graph (warm)", speeds.webgpuPlainWarm],
      ["our engine, cpu, plain graph (warm)", speeds.cpuPlainWarm],
      ["pytorch cuda fp32, end to end", speeds.torchCudaEndToEnd],
      ["pytorch cuda fp32, forward only", speeds.torchCudaForwardOnly],
    ],
    results.ratios,
  );
  console.log("\n  pooling        webgpu~cpu (min)  torch~cpu (min)  neighbour baseline");
  for (const p of POOLINGS) {
    const cells = [fmt(agreement.webgpuVsCpu[p]?.min, 6).padStart(16), fmt(agreement.torchVsCpu[p]?.min, 6).padStart(15), fmt(agreement.neighbourBaseline[p], 4).padStart(18)];
    console.log(`  ${p.padEnd(14)} ${cells.join("  ")}`);
  }
  for (const [device, byPooling] of Object.entries(agreement.pooledVsPlain)) {
    const worst = Object.entries(byPooling).map(([p, a]) => `${p} ${fmt(a.min, 6)}`).join(", ");
    console.log(`  pooled graph vs plain graph on ${device} (min cosine): ${worst || "-"}`);
  }
  printDevices(results.devices, results.gpuWhileWebgpuRan);
  console.log(`  cuda provider: ${results.cudaProvider}`);
  if (embed.webgpu?.status !== "ok") console.log(`\n  webgpu did not run: ${embed.webgpu?.reason ?? "its phase left no figures (see the log above)"}`);
  if (torch && torch.status !== "ok") console.log(`  pytorch: ${torch.status}: ${torch.reason}`);
}

/** Writes results.json into `resultsDir`, prints the figures, and returns the exit code run.sh passes on. */
export function reportPhase(work: string, resultsDir: string): number {
  const results = assemble(work);
  writeJson(join(resultsDir, "results.json"), results);
  printResults(results);
  printVariants(results.variants);
  console.log(`\nverdict: ${results.verdict}  (results in ${join(resultsDir, "results.json")})`);
  return EXIT_OF[results.verdict];
}
