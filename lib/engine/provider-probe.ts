/**
 * Tries a GPU execution provider in a child process before the engine commits to it in its own process.
 * Why: a provider is native code that starts drivers. It can crash the process (a Vulkan driver's segfault) or
 * hang it, and onnxruntime-node creates sessions synchronously on the main thread, so no in-process timer can
 * fire during a hang. In a child, a crash is an exit signal and a hang is a kill; the server lives on.
 * The child loads the same graph with the provider, runs one 4-token batch, and logs verbosely, so the parent
 * also learns where onnxruntime placed the nodes (a "GPU" session that runs every node on the CPU is caught);
 * for WebGPU the Vulkan drivers on offer are read too, since WebGPU on a software driver is the CPU in disguise.
 * For CUDA the child first loads the CUDA libraries `npm run gpu:setup` linked beside onnxruntime, as session.ts
 * does (cuda-libraries.mjs). The child's source is below: it is the one place besides session.ts that loads
 * onnxruntime.
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import { config } from "../config";
import { CUDA_RUNTIME_FILES, preloadCudaLibraries } from "./cuda-libraries.mjs";
import { interpretProbe, type ProbeReport } from "./probe-report";
import type { Device } from "./types";
import { vulkanDrivers } from "./vulkan-drivers";

export type { ProbeReport } from "./probe-report";

export const DEFAULT_PROBE_TIMEOUT_MS = 30_000;
// Verbose onnxruntime logs of a large graph stay well under this; past it only the head is kept.
const MAX_LOG_BYTES = 4 << 20;

// preloadCudaLibraries is self-contained, so its source runs as it is in the child.
const CHILD_SOURCE = String.raw`
const [ortEntry, modelPath, provider, cudaLibraries] = process.argv.slice(1);
const say = (report) => process.stdout.write("\n" + JSON.stringify(report) + "\n");
const preloadCudaLibraries = ${preloadCudaLibraries.toString()};
(async () => {
  const ort = require(ortEntry);
  if (provider === "cuda") preloadCudaLibraries(require("node:fs"), JSON.parse(cudaLibraries));
  const session = await ort.InferenceSession.create(modelPath, {
    executionProviders: [provider], graphOptimizationLevel: "all", logSeverityLevel: 0, logVerbosityLevel: 0,
  });
  const values = { input_ids: [101, 7592, 2088, 102], attention_mask: [1, 1, 1, 1], token_type_ids: [0, 0, 0, 0], position_ids: [0, 1, 2, 3] };
  const feeds = {};
  for (const name of session.inputNames) {
    feeds[name] = name === "pool_weights" // a pooled graph (pooled-graph.mjs): [batch, 4 poolings, seq]
      ? new ort.Tensor("float32", new Float32Array(16).fill(0.25), [1, 4, 4])
      : new ort.Tensor("int64", BigInt64Array.from(values[name] ?? [0, 0, 0, 0], BigInt), [1, 4]);
  }
  const outputs = await session.run(feeds);
  const output = outputs[session.outputNames.includes("last_hidden_state") ? "last_hidden_state" : session.outputNames[0]];
  const finite = Array.prototype.every.call(output.data, (x) => typeof x !== "number" || Number.isFinite(x));
  say({ ok: true, dims: output.dims, finite });
})().catch((error) => {
  say({ ok: false, message: String((error && error.message) || error) });
  process.exitCode = 1;
});
`;

/** Where the child finds onnxruntime-node: SEMANTIC_RADAR_ORT_ENTRY (bundles set it), else the app's node_modules. */
export function ortEntry(): string {
  const configured = config().ortEntry;
  if (configured) return configured;
  return createRequire(join(process.cwd(), "package.json")).resolve("onnxruntime-node");
}

export interface ProbeOptions {
  /** @default DEFAULT_PROBE_TIMEOUT_MS */
  timeoutMs?: number;
  /** Aborting stops the child at once (the device attempt was given up). */
  signal?: AbortSignal;
  /** The module the child requires as onnxruntime-node. @default ortEntry() */
  ortModule?: string;
}

const PROVIDER_NAMES: Record<Exclude<Device, "cpu">, string> = { webgpu: "webgpu", cuda: "cuda" };

/** Loads `modelPath` with `device`'s provider in a child process; never throws, never outlives its timeout. */
export function probeProvider(modelPath: string, device: Exclude<Device, "cpu">, options: ProbeOptions = {}): Promise<ProbeReport> {
  const { timeoutMs = DEFAULT_PROBE_TIMEOUT_MS, signal } = options;
  const started = performance.now();
  let module: string;
  try {
    module = options.ortModule ?? ortEntry();
  } catch (error) {
    return Promise.resolve({ ok: false, reason: `onnxruntime-node could not be found: ${(error as Error).message}`, placement: {}, ms: 0 });
  }
  // NODE_OPTIONS may carry --inspect or a loader meant for the parent; the child needs neither.
  const { NODE_OPTIONS: _ignored, ...env } = process.env;
  return new Promise((resolve) => {
    const args = ["-e", CHILD_SOURCE, module, modelPath, PROVIDER_NAMES[device], JSON.stringify(CUDA_RUNTIME_FILES)];
    const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    const out = { stdout: "", stderr: "" };
    const collect = (key: "stdout" | "stderr") => (chunk: Buffer) => {
      if (out[key].length < MAX_LOG_BYTES) out[key] += chunk.toString("utf8");
    };
    child.stdout.on("data", collect("stdout"));
    child.stderr.on("data", collect("stderr"));
    let stoppedBy: "timeout" | "abort" | undefined;
    const stop = (why: "timeout" | "abort") => {
      stoppedBy ??= why;
      child.kill("SIGKILL");
    };
    const timer = setTimeout(() => stop("timeout"), timeoutMs);
    const onAbort = () => stop("abort");
    signal?.addEventListener("abort", onAbort, { once: true });
    if (signal?.aborted) stop("abort");
    const finish = (code: number | null, exitSignal: NodeJS.Signals | null, spawnError?: Error) => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      const ms = performance.now() - started;
      const webgpu = device === "webgpu" ? { vulkanDrivers: vulkanDrivers(), allowSoftware: config().allowSoftwareWebgpu } : {};
      resolve(interpretProbe({ device, ...out, code, signal: exitSignal, stoppedBy, timeoutMs, spawnError: spawnError?.message, ms, ...webgpu }));
    };
    child.on("error", (error) => finish(null, null, error));
    child.on("close", (code, exitSignal) => finish(code, exitSignal));
  });
}
