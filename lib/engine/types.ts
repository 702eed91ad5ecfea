/**
 * The contract between the embedding engine and everything above it (API routes, knowledge bases, evaluation,
 * CLIs). What the engine takes and returns; nothing here imports onnxruntime. Types only, safe for components.
 */
import type { Pooling } from "../pooling/strategies";

export const ARCHITECTURES = ["encoder", "causal-decoder"] as const;
/** encoder: bidirectional attention (BERT). causal-decoder: each token sees only earlier ones (Qwen3). */
export type Architecture = (typeof ARCHITECTURES)[number];

export const DEVICE_CHOICES = ["auto", "cpu", "webgpu", "cuda"] as const;
export type DeviceChoice = (typeof DEVICE_CHOICES)[number];
export type Device = Exclude<DeviceChoice, "auto">;

export const GRAPHS = ["fp32", "fp16", "int8"] as const;
/** Which ONNX graph of a model: onnx/model.onnx, onnx/model_fp16.onnx, onnx/model_quantized.onnx. */
export type Graph = (typeof GRAPHS)[number];

/** Queries get the model's query prompt (e.g. "query: "); documents are embedded raw. */
export type TextKind = "query" | "document";

export interface GraphInfo {
  graph: Graph;
  /** Path relative to the model folder, e.g. "onnx/model.onnx". */
  file: string;
  bytes: number;
}

/** What the registry knows about one folder under models/, read from its Hugging Face layout files. */
export interface ModelInfo {
  id: string;
  dir: string;
  description: string;
  languages: string[];
  /** True for the model the app and CLIs use when none is named. */
  isDefault: boolean;
  architecture: Architecture;
  modelType: string;
  hiddenSize: number;
  numLayers: number;
  /** Inputs are truncated to this many tokens (the model's max_seq_length, 512 at most). */
  maxTokens: number;
  /** How the model was trained to be pooled (1_Pooling/config.json; last token for causal decoders). */
  nativePooling: Pooling;
  prompts: { query?: string; document?: string };
  paddingSide: "left" | "right";
  /** Graphs present in the folder, fp32 first. */
  graphs: GraphInfo[];
  /** The ONNX graph's input names, e.g. input_ids, attention_mask, token_type_ids / position_ids. */
  inputNames?: string[];
}

export interface LoadOptions {
  /** @default "auto" (or SEMANTIC_RADAR_DEVICE) */
  device?: DeviceChoice;
  /** @default the best graph for the device: int8 is CPU-only; a GPU takes fp16/fp32. */
  graph?: Graph;
}

/** A device that was tried and not used, and why (shown in /api/status and the UI). */
export interface SkippedDevice {
  device: Device;
  reason: string;
}

export interface LoadedModelInfo {
  model: ModelInfo;
  device: Device;
  graph: Graph;
  loadMs: number;
  skipped: SkippedDevice[];
  /** On a GPU: graph nodes per execution provider, as onnxruntime placed them (a few shape ops stay on the CPU). */
  placement?: Record<string, number>;
}

/** Progress as a discriminated union on `type`; `done` never decreases and ends at `total`. */
export type EmbedProgress = { type: "tokenized"; total: number } | { type: "batch"; done: number; total: number };

export interface EmbedOptions {
  /** @default "document" */
  kind?: TextKind;
  /** Which poolings to return. @default every pooling */
  poolings?: readonly Pooling[];
  signal?: AbortSignal;
  onProgress?: (event: EmbedProgress) => void;
}

/** An input longer than the model's max tokens: it was cut to `kept` tokens. */
export interface Truncation {
  index: number;
  tokens: number;
  kept: number;
  dropped: number;
}

export interface StageTimings {
  tokenizeMs: number;
  queueMs: number;
  inferenceMs: number;
  poolMs: number;
  totalMs: number;
}

export interface EmbedResult {
  count: number;
  dims: number;
  /** Per pooling, an L2-normalized [count, dims] row-major matrix, rows in input order. */
  embeddings: Partial<Record<Pooling, Float32Array>>;
  /** Token count of each input after truncation, special tokens included. */
  tokenCounts: number[];
  truncated: Truncation[];
  timings: StageTimings;
}

/** A model loaded on a device, ready to embed. */
export interface EmbeddingEngine {
  readonly info: LoadedModelInfo;
  embed(texts: readonly string[], options?: EmbedOptions): Promise<EmbedResult>;
  /** Tokens per text (special tokens included, before truncation); cheap, no forward pass. */
  countTokens(texts: readonly string[]): number[];
  dispose(): Promise<void>;
}
