/**
 * What a model needs in memory, and whether it fits: checked before a model's worker starts, so a model too big
 * for the machine is refused in plain words (insufficient_memory, 507) instead of ending the server when the
 * system runs out. Estimates, calibrated on Qwen3-Embedding-0.6B's shape (docs/qwen3.md, "Memory"):
 *
 * - weights: the graph file plus its external data (onnxruntime holds them all: fp32 MatMul weights are repacked
 *   for its kernels, the rest read from the file);
 * - working memory of the largest forward pass the CPU batch limits allow (`tokenBudget` tokens in rows of at most
 *   `maxTokens`): per token the layer's live activations, per row the attention scores and their softmax, and for
 *   a graph exported with a KV cache the present.* outputs it computes for every layer and token even when
 *   nobody asks for them;
 * - the tokenizer (about 25 bytes of JavaScript objects per byte of tokenizer.json) and the worker itself.
 */
import { config } from "../config";
import { AppError } from "../errors";
import { BATCH_LIMITS } from "./batch";
import { chooseGraph } from "./device";
import type { Graph, GraphInfo, ModelInfo } from "./types";

const FLOAT_BYTES = 4;
const MIB = 2 ** 20;
/** A worker thread with onnxruntime loaded, before any model. */
const WORKER_BYTES = 64 * MIB;
const TOKENIZER_BYTES_PER_FILE_BYTE = 25;
/** Slack over the activation count: onnxruntime's arena rounds up and keeps a few buffers alive at once. */
const ARENA_SLACK = 1.25;

export interface MemoryNeed {
  /** The graph the estimate is for (the one the CPU would load, unless one was asked for). */
  graph: Graph;
  /** Graph file and external data. */
  weightsBytes: number;
  /** The largest forward pass, the tokenizer and the worker. */
  workingBytes: number;
  totalBytes: number;
}

/** The largest forward pass's activations, in bytes. */
function forwardBytes(model: ModelInfo, graph: GraphInfo): number {
  const { tokenBudget } = BATCH_LIMITS.cpu;
  const { hiddenSize, numLayers, maxTokens, shape } = model;
  const queryWidth = shape.attentionHeads * shape.headDim;
  const keyValueWidth = shape.keyValueHeads * shape.headDim;
  // [tokens, width] tensors alive at once inside a layer: the residual stream and norms, q/k/v, the MLP's gate,
  // up and product; then the scores and softmax of every head, [rows, heads, seq, seq] = tokens x heads x seq.
  const perToken = 4 * hiddenSize + queryWidth + 2 * keyValueWidth + 3 * shape.intermediateSize;
  const activations = tokenBudget * perToken + 2 * tokenBudget * shape.attentionHeads * maxTokens;
  const present = graph.kvCache ? numLayers * 2 * tokenBudget * keyValueWidth : 0;
  return Math.round((activations * ARENA_SLACK + present) * FLOAT_BYTES);
}

/** The estimate for one graph of a model (default: the graph the CPU would load). */
export function memoryNeed(model: ModelInfo, graph?: Graph): MemoryNeed {
  // The engine's own choice and its message for a graph the folder lacks; the device does not change the weights.
  const chosen = chooseGraph(model.graphs.map((g) => g.graph), "cpu", graph);
  const info = model.graphs.find((g) => g.graph === chosen)!;
  const weightsBytes = info.bytes;
  const workingBytes = forwardBytes(model, info) + (model.tokenizerBytes ?? 0) * TOKENIZER_BYTES_PER_FILE_BYTE + WORKER_BYTES;
  return { graph: chosen, weightsBytes, workingBytes, totalBytes: weightsBytes + workingBytes };
}

export interface MemoryAvailable {
  bytes: number;
  /** "limit": SEMANTIC_RADAR_MEMORY_LIMIT_MB less what the loaded models need; "system": the memory free now. */
  source: "limit" | "system";
}

/**
 * The memory a new model may take. With SEMANTIC_RADAR_MEMORY_LIMIT_MB, the limit less the needs of the models
 * already loaded (`reservedBytes`); else what the system has free for this process now (cgroup limits included),
 * which already counts the loaded models.
 */
export function memoryAvailable(reservedBytes: number): MemoryAvailable {
  const limitMb = config().memoryLimitMb;
  if (limitMb !== undefined) return { bytes: Math.max(0, limitMb * MIB - reservedBytes), source: "limit" };
  return { bytes: process.availableMemory(), source: "system" };
}

const gib = (bytes: number) => `${(bytes / 2 ** 30).toFixed(2)} GiB`;

/** Refuses a model that would not fit, saying what it needs and what is left; returns the need otherwise. */
export function checkMemory(model: ModelInfo, graph: Graph | undefined, reservedBytes: number): MemoryNeed {
  const need = memoryNeed(model, graph);
  const available = memoryAvailable(reservedBytes);
  if (need.totalBytes <= available.bytes) return need;
  const where =
    available.source === "limit"
      ? `the memory limit (SEMANTIC_RADAR_MEMORY_LIMIT_MB=${config().memoryLimitMb}) leaves ${gib(available.bytes)} once the loaded models are counted`
      : `this machine has ${gib(available.bytes)} free`;
  const smaller = model.graphs.filter((g) => g.bytes < model.graphs.find((h) => h.graph === need.graph)!.bytes).map((g) => g.graph);
  const hint = smaller.length ? ` A smaller graph of this model may fit: ${smaller.join(", ")}.` : "";
  throw new AppError(
    "insufficient_memory",
    `${model.id} (${need.graph}) needs about ${gib(need.totalBytes)} (${gib(need.weightsBytes)} of weights, ${gib(need.workingBytes)} to run), and ${where}.${hint}`,
    { needBytes: need.totalBytes, availableBytes: available.bytes },
  );
}
