/**
 * The variants' part of the report (issue 13): for each variant on each device, warm and cold speed, phase
 * timings, GPU busy %, its lowest cosine against our engine on the CPU for every pooling, ratios against our
 * CPU and PyTorch, plus where the nodes were placed for each graph. Printed last, so the device tool's output
 * tail carries it.
 */
import { join } from "node:path";
import { POOLINGS } from "../../lib/pooling";
import { AGREEMENT_THRESHOLD } from "./check-report";
import { readF32IfAny, readJsonIfAny, readTextIfAny, workPaths } from "./check-io";
import { agreement, ratio } from "./compare";
import { parsePlacementLog } from "./ort-profile";
import { GRAPHS } from "./variants";

interface VariantResult {
  name: string;
  status: string;
  reason?: string;
  batches?: number;
  paddedTokens?: number;
  cold?: { textsPerSecond: number };
  warm?: { textsPerSecond: number; phases: Record<string, number> };
  gpuBusyPercent?: { max: number; mean: number } | null;
  parity?: Record<string, number>;
  ratios?: Record<string, number | null>;
}

const fmt = (n: number | null | undefined, digits = 0) => (n === null || n === undefined || !Number.isFinite(n) ? "-" : n.toFixed(digits));

export function assembleVariants(work: string, dims: number, torchEndToEnd?: number) {
  const paths = workPaths(work);
  const cpu = readJsonIfAny<VariantResult[]>(join(work, "variants-cpu.json")) ?? [];
  const webgpu = readJsonIfAny<VariantResult[]>(join(work, "variants-webgpu.json")) ?? [];
  const cpuEngine = cpu.find((r) => r.name === "engine")?.warm?.textsPerSecond;
  const cpuBest = Math.max(...cpu.map((r) => r.warm?.textsPerSecond ?? 0));
  for (const [device, results] of [["cpu", cpu], ["webgpu", webgpu]] as const) {
    for (const r of results) {
      if (r.status !== "ok" || !dims) continue;
      r.parity = {};
      for (const p of POOLINGS) {
        const x = readF32IfAny(paths.vectors(`variant-${device}-${r.name}`, p));
        const reference = readF32IfAny(paths.vectors("cpu", p));
        if (x && reference && x.length === reference.length) r.parity[p] = agreement(x, reference, dims).min;
      }
      const speed = r.warm?.textsPerSecond;
      r.ratios = { "/ cpu engine": ratio(speed, cpuEngine), "/ best cpu": ratio(speed, cpuBest || undefined), "/ pytorch e2e": ratio(speed, torchEndToEnd) };
    }
  }
  const placement: Record<string, unknown> = {};
  for (const graph of Object.keys(GRAPHS)) {
    const log = readTextIfAny(join(work, `placement-webgpu-${graph}.log`));
    if (log) placement[graph] = parsePlacementLog(log);
  }
  return { cpu, webgpu, placement, graphs: { pooled: readJsonIfAny(join(work, "graphs-pooled.json")), "pooled-fp16": readJsonIfAny(join(work, "graphs-pooled-fp16.json")) } };
}

export function printVariants(v: ReturnType<typeof assembleVariants>): void {
  console.log("\n  variant (issue 13)                        warm   cold  tok  prep   run  down  pool  btch  GPU%max/mean  min cos   /cpu  /torch");
  for (const [device, results] of [["cpu", v.cpu], ["webgpu", v.webgpu]] as const) {
    for (const r of results) {
      const label = `${device} ${r.name}`.padEnd(38);
      if (r.status !== "ok") {
        console.log(`  ${label} ${r.status}: ${r.reason}`);
        continue;
      }
      const f = r.warm!.phases;
      const cos = Math.min(...Object.values(r.parity ?? {}));
      const parityOk = Object.keys(r.parity ?? {}).length === POOLINGS.length && cos > AGREEMENT_THRESHOLD;
      const cells = [
        fmt(r.warm!.textsPerSecond).padStart(6), fmt(r.cold?.textsPerSecond).padStart(6),
        ...[f.tokenizeMs, f.prepareMs, f.runMs, f.downloadMs, f.poolMs].map((x) => fmt(x).padStart(5)),
        String(r.batches).padStart(5),
        (r.gpuBusyPercent ? `${r.gpuBusyPercent.max}/${fmt(r.gpuBusyPercent.mean)}` : "-").padStart(13),
        `${fmt(cos, 6)}${parityOk ? " " : "!"}`.padStart(9),
        fmt(r.ratios?.["/ cpu engine"], 1).padStart(6), fmt(r.ratios?.["/ pytorch e2e"], 2).padStart(7),
      ];
      console.log(`  ${label} ${cells.join(" ")}`);
    }
  }
  for (const [graph, detail] of Object.entries(v.placement)) {
    const d = detail as ReturnType<typeof parsePlacementLog>;
    console.log(`  placement ${graph}: ${JSON.stringify(d.counts)}; CPU ops ${JSON.stringify(d.cpuOps)}; forced to CPU (deemed faster) ${d.forcedToCpu}; no webgpu kernel ${JSON.stringify(d.noGpuKernel)}; unexplained ${d.unexplained.length}`);
  }
}
