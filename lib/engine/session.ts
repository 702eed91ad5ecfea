// With score.ts, the only modules that import onnxruntime (besides the probe child in provider-probe.ts), and both
// run only in worker threads (the model's, the rank worker) and CLIs. Everything else sees plain typed arrays.
import * as fs from "node:fs";
import * as ort from "onnxruntime-node";
import { config } from "../config";
import { AppError } from "../errors";
import type { Pooling } from "../pooling/strategies";
import { poolingWeights, splitPooled } from "../pooling/weights";
import type { BatchTensors } from "./batch";
import { CUDA_RUNTIME_FILES, preloadCudaLibraries } from "./cuda-libraries.mjs";
import { buildFeeds, checkFeedable, presentOutputFor, type DeclaredInput, type Feed, type FeedSource, type PastCache } from "./feeds";
import { layerOutputs, POOL_WEIGHTS_INPUT, POOLED_OUTPUTS } from "./pooled-graph.mjs";
import { NO_SPINNING } from "./ort-options";
import { probeProvider } from "./provider-probe";
import type { Device } from "./types";

export interface ForwardSession {
  inputNames: readonly string[];
  /**
   * Runs the graph; returns last_hidden_state as float32 [batch, seq, dim], or with `layer` (a layer key, see
   * lib/pooling/layers.ts) that layer's hidden states (layered graphs only: `layers` > 0).
   */
  run(batch: BatchTensors, layer?: string): Promise<{ hidden: Float32Array; dim: number }>;
  /**
   * Pooled graphs only (pooled-graph.mjs): runs the graph with pooling inside; returns every pooling as float32
   * [batch, dim], not normalized. Only [batch, 5, dim] leaves onnxruntime instead of [batch, seq, dim].
   */
  runPooled?(batch: BatchTensors, options?: PooledRunOptions): Promise<{ rows: Record<Pooling, Float32Array>; dim: number }>;
  /**
   * KV-cache graphs only (past_key_values.N inputs, present.N outputs): runs one text (a prompt) and returns its
   * last hidden states [1, seq, dim] and its KV cache, which runPooled can continue from.
   */
  runPrompt?(batch: BatchTensors): Promise<{ hidden: Float32Array; dim: number; past: PastCache }>;
  /**
   * Layered pooled graphs only: every pooling of each layer asked for (layer keys "0".."n", "first_last",
   * "last_two"), as float32 [batch, dim], not normalized; all from the same one forward pass.
   */
  runLayers?(batch: BatchTensors, layers: readonly string[]): Promise<{ rows: Record<string, Record<Pooling, Float32Array>>; dim: number }>;
  /** Layers the graph exposes (n + 1), 0 when only the last (a plain graph, or one whose layers were not found). */
  layers: number;
  release(): Promise<void>;
  /** GPU devices: nodes per execution provider as onnxruntime placed them (from the probe). */
  placement?: Record<string, number>;
}

export interface PooledRunOptions {
  /** The pool_weights to feed, [batch, 4, seq]; by default poolingWeights of the batch's masks. */
  poolWeights?: Float32Array;
  /** A cached prompt (runPrompt's) that every row of the batch continues. */
  past?: PastCache;
}

export interface ForwardSessionOptions {
  /** Aborting stops a GPU probe still running (the device attempt was given up). */
  signal?: AbortSignal;
  /** Limit for the GPU probe, in ms. @default DEFAULT_PROBE_TIMEOUT_MS */
  probeTimeoutMs?: number;
  /** How messages name the graph ("<model>/onnx/model.onnx"): a client never sees the server's paths. @default the path */
  displayName?: string;
}


const PROVIDERS: Record<Device, string> = { cpu: "cpu", webgpu: "webgpu", cuda: "cuda" };

function threadCount(): number | undefined {
  return config().threads;
}

/**
 * Loads a graph on a device. A GPU provider is first proven in a child process (provider-probe.ts): a driver
 * that crashes or hangs takes the child down, not the server, and the attempt fails with the reason.
 */
export async function createForwardSession(path: string, device: Device, options: ForwardSessionOptions = {}): Promise<ForwardSession> {
  const name = options.displayName ?? path;
  // onnxruntime quotes the full path in its own messages: say the display name instead.
  const withoutPath = (message: string) => message.split(path).join(name);
  let placement: Record<string, number> | undefined;
  if (device !== "cpu") {
    const probe = await probeProvider(path, device, { timeoutMs: options.probeTimeoutMs, signal: options.signal });
    if (!probe.ok) throw new AppError("device_unavailable", withoutPath(probe.reason ?? `the ${device} provider failed its probe`));
    placement = probe.placement;
  }
  // The probe loaded them in its child; this process needs them too before onnxruntime opens the provider.
  if (device === "cuda") {
    try {
      preloadCudaLibraries(fs, CUDA_RUNTIME_FILES);
    } catch (error) {
      throw new AppError("device_unavailable", (error as Error).message);
    }
  }
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(path, {
      executionProviders: [PROVIDERS[device]],
      graphOptimizationLevel: "all",
      ...(threadCount() ? { intraOpNumThreads: threadCount() } : {}),
      logSeverityLevel: 3,
      ...(device === "cpu" ? { extra: NO_SPINNING } : {}),
    });
  } catch (error) {
    const message = withoutPath((error as Error).message ?? String(error));
    // On the CPU nothing but the graph can be at fault; on a GPU the provider may be, and `auto` moves on.
    if (device === "cpu") {
      throw new AppError("model_corrupt", `could not load ${name}: ${message.split("\n")[0]}. Reinstall it with \`npm run models\`.`);
    }
    throw new AppError("device_unavailable", `could not load ${name} on ${device}: ${message.split("\n")[0]}`);
  }
  if (!session.outputNames.includes("last_hidden_state")) {
    await session.release();
    throw new AppError("model_corrupt", `${name} has no last_hidden_state output; it has: ${session.outputNames.join(", ")}`);
  }
  const inputs = session.inputMetadata.map(({ name, ...meta }) => ({ name, ...(meta.isTensor ? { type: meta.type, shape: meta.shape } : {}) }));
  try {
    checkFeedable(inputs, name);
  } catch (error) {
    await session.release();
    throw error;
  }
  const pooled = session.inputNames.includes(POOL_WEIGHTS_INPUT);
  const layers = session.outputNames.filter((output) => /^layer_pooled\.\d+$/.test(output)).length;
  const pastInputs = session.inputNames.filter((input) => input.startsWith("past_key_values."));
  const cachesPast = pastInputs.length > 0 && pastInputs.every((input) => session.outputNames.includes(presentOutputFor(input)));
  return {
    inputNames: session.inputNames.filter((input) => input !== POOL_WEIGHTS_INPUT),
    layers,
    run: (batch, layer) => runBatch(session, inputs, batch, layer),
    ...(pooled ? { runPooled: (batch: BatchTensors, options?: PooledRunOptions) => runPooledBatch(session, inputs, batch, options) } : {}),
    ...(cachesPast ? { runPrompt: (batch: BatchTensors) => runPromptBatch(session, inputs, batch, pastInputs) } : {}),
    ...(layers > 0 ? { runLayers: (batch: BatchTensors, keys: readonly string[]) => runLayersBatch(session, inputs, batch, keys) } : {}),
    release: () => session.release(),
    placement,
  };
}

/** onnxruntime tensors for every input the graph declares (feeds.ts builds them). */
function feedsFor(inputs: readonly DeclaredInput[], source: FeedSource): Record<string, ort.Tensor> {
  const feeds: Record<string, ort.Tensor> = {};
  for (const [name, feed] of Object.entries(buildFeeds(inputs, source))) feeds[name] = new ort.Tensor(feed.type, feed.data, feed.dims);
  return feeds;
}

async function runBatch(session: ort.InferenceSession, inputs: readonly DeclaredInput[], batch: BatchTensors, layer?: string): Promise<{ hidden: Float32Array; dim: number }> {
  const name = layer === undefined ? "last_hidden_state" : layerOutputs(layer).hidden;
  const outputs = await session.run(feedsFor(inputs, { batch }), [name]);
  const output = outputs[name];
  const dim = Number(output.dims[2]);
  const hidden = floatData(output);
  output.dispose();
  return { hidden, dim };
}

async function runPromptBatch(session: ort.InferenceSession, inputs: readonly DeclaredInput[], batch: BatchTensors, pastInputs: readonly string[]): Promise<{ hidden: Float32Array; dim: number; past: PastCache }> {
  const names = ["last_hidden_state", ...pastInputs.map(presentOutputFor)];
  const outputs = await session.run(feedsFor(inputs, { batch }), names);
  const hiddenOutput = outputs.last_hidden_state;
  const dim = Number(hiddenOutput.dims[2]);
  const hidden = floatData(hiddenOutput);
  const tensors: Record<string, Feed> = {};
  for (const input of pastInputs) {
    const present = outputs[presentOutputFor(input)];
    const type = present.type === "float16" ? "float16" : "float32";
    tensors[input] = { type, data: (present.data as Float32Array | Uint16Array).slice(), dims: present.dims.map(Number) };
  }
  for (const name of names) outputs[name].dispose();
  return { hidden, dim, past: { tokens: batch.seq, tensors } };
}

async function runPooledBatch(session: ort.InferenceSession, inputs: readonly DeclaredInput[], batch: BatchTensors, options: PooledRunOptions = {}): Promise<{ rows: Record<Pooling, Float32Array>; dim: number }> {
  const poolWeights = options.poolWeights ?? poolingWeights(batch.attentionMask, batch.specialMask, batch.batch, batch.seq); // [batch, 4, seq]
  const outputs = await session.run(feedsFor(inputs, { batch, poolWeights, past: options.past }), [...POOLED_OUTPUTS]);
  const [pooled, pooledMax] = POOLED_OUTPUTS.map((name) => outputs[name]); // [batch, 4, dim], [batch, dim]
  const dim = Number(pooledMax.dims[1]);
  const rows = splitPooled(pooled.data as Float32Array, pooledMax.data as Float32Array, batch.batch, dim);
  pooled.dispose();
  pooledMax.dispose();
  return { rows, dim };
}

async function runLayersBatch(
  session: ort.InferenceSession,
  inputs: readonly DeclaredInput[],
  batch: BatchTensors,
  layers: readonly string[],
): Promise<{ rows: Record<string, Record<Pooling, Float32Array>>; dim: number }> {
  const poolWeights = poolingWeights(batch.attentionMask, batch.specialMask, batch.batch, batch.seq); // [batch, 4, seq]
  const names = layers.flatMap((layer) => [layerOutputs(layer).pooled, layerOutputs(layer).pooledMax]);
  const outputs = await session.run(feedsFor(inputs, { batch, poolWeights }), names);
  const rows: Record<string, Record<Pooling, Float32Array>> = {};
  let dim = 0;
  for (const layer of layers) {
    const { pooled, pooledMax } = layerOutputs(layer);
    dim = Number(outputs[pooledMax].dims[1]); // [batch, 4, dim], [batch, dim]
    rows[layer] = splitPooled(outputs[pooled].data as Float32Array, outputs[pooledMax].data as Float32Array, batch.batch, dim);
  }
  for (const name of names) outputs[name].dispose();
  return { rows, dim };
}

/** A float output as float32: fp16 graphs return IEEE half floats as raw 16-bit words; pooling works in float32. */
function floatData(output: ort.Tensor): Float32Array {
  return output.type === "float16" ? halfToFloat(output.data as Uint16Array) : (output.data as Float32Array);
}

function halfToFloat(words: Uint16Array): Float32Array {
  const out = new Float32Array(words.length);
  for (let i = 0; i < words.length; i++) {
    const h = words[i];
    const sign = h & 0x8000 ? -1 : 1;
    const exponent = (h >> 10) & 0x1f;
    const fraction = h & 0x3ff;
    if (exponent === 0) out[i] = sign * 2 ** -14 * (fraction / 1024);
    else if (exponent === 0x1f) out[i] = fraction ? NaN : sign * Infinity;
    else out[i] = sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
  }
  return out;
}
