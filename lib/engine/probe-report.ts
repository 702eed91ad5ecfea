/**
 * Turns what a provider probe's child process said (stdout, stderr, exit) into a verdict and a reason a person
 * can act on. Pure, so every message onnxruntime and Dawn are known to give is tested by its text.
 */
import { CUDA_DRIVER_FILE, CUDA_PROVIDER_FILES } from "./cuda-libraries.mjs";
import type { Device } from "./types";
import { softwareOnlyDriver, type VulkanDriver } from "./vulkan-drivers";

export interface ProbeReport {
  ok: boolean;
  /** Why the device cannot be used; absent when ok. */
  reason?: string;
  /** Nodes per execution provider as onnxruntime placed them, e.g. { WebGpuExecutionProvider: 170, CPUExecutionProvider: 13 }. */
  placement: Record<string, number>;
  /** WebGPU on a software Vulkan driver (e.g. libvulkan_lvp.so): set only when that was allowed. */
  softwareAdapter?: string;
  ms: number;
}

export interface ProbeOutcome {
  device: Exclude<Device, "cpu">;
  stdout: string;
  stderr: string;
  code: number | null;
  signal: NodeJS.Signals | null;
  stoppedBy?: "timeout" | "abort";
  timeoutMs: number;
  spawnError?: string;
  ms: number;
  /** WebGPU only: the Vulkan drivers the loader offers (vulkan-drivers.ts). */
  vulkanDrivers?: VulkanDriver[];
  /** Accept WebGPU on a software Vulkan driver (SEMANTIC_RADAR_ALLOW_SOFTWARE_WEBGPU=1; for testing the path). */
  allowSoftware?: boolean;
}

interface ChildSays {
  ok: boolean;
  message?: string;
  finite?: boolean;
}

const EXECUTION_PROVIDERS: Record<Exclude<Device, "cpu">, string> = { webgpu: "WebGpuExecutionProvider", cuda: "CUDAExecutionProvider" };

/** How to add the CUDA provider and the CUDA libraries it links (scripts/gpu-setup.mjs). */
export const CUDA_SETUP_HINT = "run `npm run gpu:setup`, which installs it from PyPI's onnxruntime-gpu wheel";

/** onnxruntime's "Node placements" lines: "All nodes placed on [X]. Number of nodes: N" or "Node(s) placed on [X]. Number of nodes: N". */
export function parsePlacement(log: string): Record<string, number> {
  const placement: Record<string, number> = {};
  for (const match of log.matchAll(/(?:All nodes|Node\(s\)) placed on \[(\w+)\]\. Number of nodes: (\d+)/g)) {
    placement[match[1]] = (placement[match[1]] ?? 0) + Number(match[2]);
  }
  return placement;
}

/** Drops the C++ source location onnxruntime puts before its message ("/onnxruntime_src/...cc:136 fn() cond was false. "). */
export function cleanOrtMessage(message: string): string {
  const line = message.trim().split("\n")[0];
  const afterCheck = line.split(" was false. ");
  if (afterCheck.length > 1) return afterCheck.slice(1).join(" was false. ").trim();
  return line.replace(/^\S+\.(cc|cpp|h):\d+ \S+ /, "").replace(/^\[ONNXRuntimeError\] : \d+ : \w+ : /, "").trim();
}

/** Dawn's "Warning: ..." lines and onnxruntime's "[E:onnxruntime...] ..." lines: the driver-level why. */
function nativeComplaints(stderr: string): string[] {
  const dawn = [...stderr.matchAll(/^(?:Warning|Error): (.+)$/gm)].map((m) => m[1].trim());
  const ort = [...stderr.matchAll(/\[E:onnxruntime[^\]]*\] (.+)$/gm)].map((m) => cleanOrtMessage(m[1]));
  return [...new Set([...dawn, ...ort])];
}

function lastJsonLine(stdout: string): ChildSays | undefined {
  const line = stdout.trim().split("\n").reverse().find((l) => l.startsWith("{"));
  try {
    return line ? (JSON.parse(line) as ChildSays) : undefined;
  } catch {
    return undefined;
  }
}

function explainCuda(message: string, stderr: string): string {
  // The provider library, or a library it links, could not be opened: name the file.
  const failedLoad = /Failed to load library (\S+) with error: ([^\n]+)/.exec(stderr);
  if (failedLoad) {
    const error = failedLoad[2].replace(/\u001b\[[0-9;]*m/g, "").trim();
    const unopened = /^(\S+?): cannot open shared object file/.exec(error)?.[1];
    const name = unopened?.slice(unopened.lastIndexOf("/") + 1);
    if (name && CUDA_PROVIDER_FILES.includes(name)) return `provider not installed: no ${name} beside onnxruntime-node's libonnxruntime.so.1; ${CUDA_SETUP_HINT}`;
    if (name === CUDA_DRIVER_FILE) return `no NVIDIA driver: ${CUDA_DRIVER_FILE} not found`;
    if (name) return `${name} not found: the CUDA provider is installed but not this CUDA library it needs; run \`npm run gpu:setup\` (it links the machine's copy or installs PyPI's)`;
    return `the CUDA provider is installed but could not load: ${error}`;
  }
  // The provider loaded and CUDA itself refused: onnxruntime's "CUDA failure N: text ; GPU=... ; expr=call(...);".
  const failure = /CUDA failure (\d+): (.+?) ; GPU=[\s\S]*?expr=(\w+)/.exec(message);
  if (failure) {
    const [, code, text, call] = failure;
    return CUDA_FAILURES[Number(code)]?.(text, call) ?? `CUDA could not start (${call}: error ${code}, ${text})`;
  }
  return cleanOrtMessage(message);
}

/** cudaError_t values a machine without a usable GPU gives, and what each means to the person running the app. */
const CUDA_FAILURES: Record<number, (text: string, call: string) => string> = {
  // cudaErrorInsufficientDriver
  35: (text, call) => `driver too old: ${text} (${call}); the CUDA 13 provider needs NVIDIA driver 580 or newer`,
  // cudaErrorStubLibrary: the toolkit's link-time stub of libcuda.so.1 was found instead of a driver
  34: (text, call) => `no NVIDIA driver: ${text} (${call}); the libcuda.so.1 found is the CUDA toolkit's stub`,
  // cudaErrorNoDevice
  100: (text, call) => `no CUDA device (${call}: ${text})`,
};

const NO_DRIVER_HINT = "no Vulkan driver is registered (no icd.d manifest; point VK_DRIVER_FILES at the GPU driver's, e.g. nvidia_icd.json)";

function explainWebGpu(message: string, stderr: string, drivers?: VulkanDriver[]): string {
  const complaints = nativeComplaints(stderr).filter((c) => !/^Failed to get a WebGPU adapter/.test(c));
  const vulkanMissing = complaints.find((c) => /Couldn't load Vulkan/.test(c));
  const cleaned = cleanOrtMessage(message);
  if (/No supported adapters|Failed to get a WebGPU adapter/.test(cleaned)) {
    const noDriver = drivers && drivers.length === 0 ? NO_DRIVER_HINT : undefined;
    const why = vulkanMissing ? `the Vulkan loader is missing (${vulkanMissing})` : [noDriver, complaints[0]].filter(Boolean).join("; ") || "Dawn found no usable GPU";
    return `no WebGPU adapter: ${why}`;
  }
  return complaints.length ? `${cleaned} (${complaints[0]})` : cleaned;
}

/** The verdict on one probe. */
export function interpretProbe(outcome: ProbeOutcome): ProbeReport {
  const { device, stdout, stderr, ms } = outcome;
  const placement = parsePlacement(stderr);
  const fail = (reason: string): ProbeReport => ({ ok: false, reason: reason.slice(0, 400), placement, ms });
  if (outcome.spawnError) return fail(`the probe process could not start: ${outcome.spawnError}`);
  if (outcome.stoppedBy === "timeout") return fail(`the ${device} provider did not answer within ${outcome.timeoutMs} ms; its probe process was stopped`);
  if (outcome.stoppedBy === "abort") return fail(`the ${device} attempt was given up; its probe process was stopped`);
  const says = lastJsonLine(stdout);
  if (!says) {
    const how = outcome.signal ? `was killed by ${outcome.signal}` : `exited with code ${outcome.code}`;
    const complaint = nativeComplaints(stderr)[0];
    return fail(`the ${device} provider crashed its probe process (it ${how})${complaint ? `: ${complaint}` : ""}`);
  }
  if (!says.ok) return fail(device === "cuda" ? explainCuda(says.message ?? "", stderr) : explainWebGpu(says.message ?? "", stderr, outcome.vulkanDrivers));
  if (says.finite === false) return fail(`the ${device} provider ran the graph but returned NaN or infinite values`);
  const onDevice = placement[EXECUTION_PROVIDERS[device]] ?? 0;
  const total = Object.values(placement).reduce((sum, n) => sum + n, 0);
  if (total > 0 && onDevice === 0) return fail(`onnxruntime accepted the ${device} provider but placed all ${total} nodes elsewhere (${JSON.stringify(placement)})`);
  const software = device === "webgpu" ? softwareOnlyDriver(outcome.vulkanDrivers ?? []) : undefined;
  if (software && !outcome.allowSoftware) {
    return fail(`WebGPU would run on a software Vulkan driver (${software.library}, from ${software.manifest}), that is on the CPU; the cpu device is faster`);
  }
  return { ok: true, placement, ms, ...(software ? { softwareAdapter: software.library } : {}) };
}
