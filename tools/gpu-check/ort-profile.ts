/**
 * Reading what onnxruntime says about a session: its profile file (enableProfiling) and its verbose log
 * (logSeverityLevel 0), for the GPU check's "where does the time go" phase. Pure, so both are tested on text.
 */

interface ProfileEvent {
  cat?: string;
  name?: string;
  dur?: number;
  args?: { op_name?: string; provider?: string };
}

export interface ProfileSummary {
  /** Session runs (model_run events), in ms, in order: the first is the cold one. */
  runsMs: number[];
  /** Host-side kernel time per execution provider, ms, over all runs. GPU kernels are asynchronous: their
   * figure is dispatch time plus waits at sync points (copies back to the host), not GPU execution time. */
  kernelMsByProvider: Record<string, number>;
  /** The op types that took the most kernel time: op, provider, ms over all runs, calls. */
  topOps: { op: string; provider: string; ms: number; calls: number }[];
  /** Copies between host and device the session inserted, calls over all runs. */
  copies: Record<string, number>;
}

export function summarizeProfile(events: readonly ProfileEvent[], top = 12): ProfileSummary {
  const runsMs = events.filter((e) => e.cat === "Session" && e.name === "model_run").map((e) => (e.dur ?? 0) / 1000);
  const kernelMsByProvider: Record<string, number> = {};
  const ops = new Map<string, { op: string; provider: string; ms: number; calls: number }>();
  const copies: Record<string, number> = {};
  for (const e of events) {
    if (e.cat !== "Node" || !e.name?.endsWith("_kernel_time")) continue;
    const op = e.args?.op_name ?? "?";
    const provider = e.args?.provider ?? "?";
    const ms = (e.dur ?? 0) / 1000;
    kernelMsByProvider[provider] = (kernelMsByProvider[provider] ?? 0) + ms;
    const key = `${op}@${provider}`;
    const entry = ops.get(key) ?? { op, provider, ms: 0, calls: 0 };
    entry.ms += ms;
    entry.calls += 1;
    ops.set(key, entry);
    if (op.startsWith("Memcpy")) copies[op] = (copies[op] ?? 0) + 1;
  }
  const topOps = [...ops.values()].sort((a, b) => b.ms - a.ms).slice(0, top);
  return { runsMs, kernelMsByProvider, topOps, copies };
}

export interface PlacementDetail {
  /** Nodes per provider, as the "Node placements" block lists them. */
  counts: Record<string, number>;
  /** Op types of the nodes left on the CPU, with counts. */
  cpuOps: Record<string, number>;
  /** CPU nodes onnxruntime moved there on purpose ("CPU execution path is deemed faster": shape arithmetic). */
  forcedToCpu: number;
  /** CPU nodes the GPU provider said it has no kernel for ("webgpu kernel not found in registries"), by op type. */
  noGpuKernel: Record<string, number>;
  /** CPU nodes with neither note. */
  unexplained: string[];
}

const PLACED = /(?:All nodes|Node\(s\)) placed on \[(\w+)\]\. Number of nodes: (\d+)/;
// "  Shape (/embeddings/Shape)", bare or after a log prefix ending in "]".
const NODE_LINE = /(?:^|\])\s{2,}(\w+) \((.*)\)\s*$/;
const FORCED = /Force fallback to CPU execution for node: (.+?) because/g;
const NO_KERNEL = /kernel not found in registries for Op type: \w+ node name: (.+)$/gm;

/** Parses onnxruntime's verbose session log: where each node went and why the CPU ones did. */
export function parsePlacementLog(log: string): PlacementDetail {
  const counts: Record<string, number> = {};
  const cpuNodes: { op: string; name: string }[] = [];
  let current: string | undefined;
  for (const line of log.split("\n")) {
    const placed = PLACED.exec(line);
    if (placed) {
      current = placed[1];
      counts[current] = (counts[current] ?? 0) + Number(placed[2]);
      continue;
    }
    const node = NODE_LINE.exec(line);
    if (node && current) {
      if (current === "CPUExecutionProvider") cpuNodes.push({ op: node[1], name: node[2] });
    } else current = undefined;
  }
  const forced = new Set([...log.matchAll(FORCED)].map((m) => m[1].trim()));
  const noKernel = new Set([...log.matchAll(NO_KERNEL)].map((m) => m[1].trim()));
  const cpuOps: Record<string, number> = {};
  const noGpuKernel: Record<string, number> = {};
  for (const { op, name } of cpuNodes) {
    cpuOps[op] = (cpuOps[op] ?? 0) + 1;
    if (noKernel.has(name) && !forced.has(name)) noGpuKernel[op] = (noGpuKernel[op] ?? 0) + 1;
  }
  const unexplained = cpuNodes.filter((n) => !forced.has(n.name) && !noKernel.has(n.name)).map((n) => `${n.op} (${n.name})`);
  return { counts, cpuOps, forcedToCpu: cpuNodes.filter((n) => forced.has(n.name)).length, noGpuKernel, unexplained };
}
