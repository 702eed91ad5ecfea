/**
 * The contract between the embedding engine and everything above it (API routes, knowledge bases, evaluation,
 * CLIs). What the engine takes and returns; nothing here imports onnxruntime. Types only, safe for components.
 */
import type { DeviceChoice } from "../config";
import type { Layer } from "../pooling/layers";
import type { Pooling } from "../pooling/strategies";
import type { TokenSpan } from "./token-spans";

export type { TokenSpan } from "./token-spans";

export const ARCHITECTURES = ["encoder", "causal-decoder"] as const;
/** encoder: bidirectional attention (BERT). causal-decoder: each token sees only earlier ones (Qwen3). */
export type Architecture = (typeof ARCHITECTURES)[number];

// The choices are the environment's (SEMANTIC_RADAR_DEVICE), so lib/config.ts lists them (DEVICE_CHOICES); a
// type only here, so that this file stays loadable in the browser.
export type { DeviceChoice } from "../config";
export type Device = Exclude<DeviceChoice, "auto">;

export const GRAPHS = ["fp32", "fp16", "int8"] as const;
/** Which ONNX graph of a model: onnx/model.onnx, onnx/model_fp16.onnx, onnx/model_quantized.onnx. */
export type Graph = (typeof GRAPHS)[number];

/** Queries get the model's query prompt (e.g. "query: "); documents are embedded raw. */
export type TextKind = "query" | "document";

/** Which end of a text longer than the model's window is cut (TEI's truncation_direction). */
export const TRUNCATION_DIRECTIONS = ["right", "left"] as const;
/** "right" keeps the text's start (the default), "left" its end; special tokens stay at both ends. */
export type TruncationDirection = (typeof TRUNCATION_DIRECTIONS)[number];

export interface GraphInfo {
  graph: Graph;
  /** Path relative to the model folder, e.g. "onnx/model.onnx". */
  file: string;
  /** The graph file plus its external data: the weights onnxruntime holds. */
  bytes: number;
  /** External data files the graph names, relative to the model folder (e.g. "onnx/model.onnx_data"). */
  dataFiles?: string[];
  /** A decoder exported with its KV cache: fed an empty past, it also computes present.* for every token. */
  kvCache?: boolean;
  /**
   * The same graph with pooling appended (lib/engine/pooled-graph.mjs), e.g. "onnx/model_pooled.onnx", when the
   * model install wrote one and it is newer than `file`. The engine prefers it: one MatMul and one ReduceMax in
   * the graph instead of pooling [batch, seq, dim] in JavaScript.
   */
  pooledFile?: string;
}

export interface ModelShape {
  attentionHeads: number;
  keyValueHeads: number;
  /** Each attention head's width (config.json's head_dim, else hidden_size / attention heads). */
  headDim: number;
  intermediateSize: number;
  vocabSize: number;
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
  /** Size of tokenizer.json: the tokenizer's share of the memory estimate (memory.ts). */
  tokenizerBytes?: number;
  /** The model's own token window (config.json's max_position_embeddings; 0 when it does not say). */
  contextTokens: number;
  /** The rest of the network's size from config.json, for the memory estimate (memory.ts); 0 where it does not say. */
  shape: ModelShape;
  /** How the model was trained to be pooled (1_Pooling/config.json; last token for causal decoders). */
  nativePooling: Pooling;
  prompts: { query?: string; document?: string };
  paddingSide: "left" | "right";
  /** Graphs present in the folder, fp32 first. */
  graphs: GraphInfo[];
  /** The ONNX graph's input names, e.g. input_ids, attention_mask, token_type_ids / position_ids. */
  inputNames?: string[];
  /** The Matryoshka (MRL) cuts the model's card declares; absent when it declares none. */
  matryoshka?: Matryoshka;
}

/**
 * A model trained with Matryoshka representation learning: any cut from `min` to the hidden size keeps most of
 * its quality (the first coordinates carry the most). `sizes`: the cuts to offer, ascending, ending at the hidden
 * size (the sizes it was trained at when the card lists them, else powers of two from `min`).
 */
export interface Matryoshka {
  min: number;
  sizes: number[];
}

export interface LoadOptions {
  /** @default "auto" (or SEMANTIC_RADAR_DEVICE) */
  device?: DeviceChoice;
  /** @default the best graph for the device: int8 is CPU-only; a GPU takes fp16/fp32. */
  graph?: Graph;
  /** Run the graph with pooling appended when the folder has one (false: pool in JavaScript). @default true */
  pooledGraph?: boolean;
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
  /** True when the session runs the pooled graph (GraphInfo.pooledFile): pooling happens inside onnxruntime. */
  pooledGraph?: boolean;
  /** On a GPU: graph nodes per execution provider, as onnxruntime placed them (a few shape ops stay on the CPU). */
  placement?: Record<string, number>;
  /**
   * Layers the session can pool (n + 1: layers 0..n and their averages), from the pooled graph's layer outputs;
   * 0 when only the last layer can be had (a graph whose layers were not found, or pooling in JavaScript).
   */
  layers?: number;
  /**
   * True when a text that starts with the model's prompt (Qwen3-Embedding's query instruction) runs only what
   * follows it, after the prompt's cached KV cache (prompt-cache.ts): KV-cache graphs with the pooled graph.
   */
  promptCache?: boolean;
}

/** Progress as a discriminated union on `type`; `done` never decreases and ends at `total`. */
export type EmbedProgress = { type: "tokenized"; total: number } | { type: "batch"; done: number; total: number };

/** A place in the server's admission limit (admission.ts); whoever acquires one releases it. */
export interface Permit {
  release(): void;
}

export interface EmbedOptions {
  /** @default "document" */
  kind?: TextKind;
  /** A permit the caller already holds (it answered 429 itself if none was left); else the call takes its own. */
  permit?: Permit;
  /** @default "right" (a long text keeps its start) */
  truncation?: TruncationDirection;
  /** Which poolings to return. @default every pooling */
  poolings?: readonly Pooling[];
  /** Which layer's hidden states to pool (lib/pooling/layers.ts). @default the last layer */
  layer?: Layer;
  signal?: AbortSignal;
  onProgress?: (event: EmbedProgress) => void;
}

/** embedLayers: every pooling of several layers from the same forward passes (the Lab's layer sweep). */
export interface EmbedLayersOptions extends Omit<EmbedOptions, "layer"> {
  /** @default every layer the model exposes, 0..n and the averages */
  layers?: readonly Layer[];
}

export interface LayerEmbedResult {
  count: number;
  dims: number;
  /** Per layer key ("0".."n", "first_last", "last_two"), per pooling, an L2-normalized [count, dims] matrix. */
  layers: Record<string, Partial<Record<Pooling, Float32Array>>>;
  /** The same keys: each row's length before normalization, [count]. */
  norms: Record<string, Partial<Record<Pooling, Float32Array>>>;
  tokenCounts: number[];
  truncated: Truncation[];
  timings: StageTimings;
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
  /** Waiting for the model's worker (behind other jobs' batches). */
  queueMs: number;
  inferenceMs: number;
  poolMs: number;
  totalMs: number;
  /** Texts in the coalesced forward pass a short call rode in (1 when it ran alone). */
  batchTexts?: number;
}

export interface EmbedResult {
  count: number;
  dims: number;
  /** Per pooling, an L2-normalized [count, dims] row-major matrix, rows in input order. */
  embeddings: Partial<Record<Pooling, Float32Array>>;
  /** Per pooling, each row's length before normalization: embeddings x norm is the raw pooled vector. */
  norms: Partial<Record<Pooling, Float32Array>>;
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
  countTokens(texts: readonly string[]): Promise<number[]>;
  /** Each text's tokens with ids, special flags and offsets (TEI's /tokenize); no truncation, no forward pass. */
  tokenSpans(texts: readonly string[], options?: TokenSpanOptions): Promise<TokenSpan[][]>;
  /** Each text's tokens with the model's last hidden state row for each (what explanations decompose); no pooling. */
  tokenStates(texts: readonly string[], options?: TokenStatesOptions): Promise<TokenStates[]>;
  /** Embeds texts given as token ids (a text with one token left out, say), in batches; pooled and normalized. */
  embedTokens(rows: readonly TokenRow[], options?: EmbedTokensOptions): Promise<TokenEmbeddings>;
  /** Every pooling of several layers, one forward pass per batch; needs a layered graph (info.layers > 0). */
  embedLayers(texts: readonly string[], options?: EmbedLayersOptions): Promise<LayerEmbedResult>;
  dispose(): Promise<void>;
}

/** At most this many texts per tokenStates call: each comes back as a [tokens, dims] matrix. */
export const MAX_STATE_TEXTS = 8;

export interface TokenStatesOptions {
  /** Prompt for this kind, as embed() adds it. @default "document" */
  kind?: TextKind;
  /** @default "right" */
  truncation?: TruncationDirection;
  /** Whose hidden states. @default the last layer */
  layer?: Layer;
}

/** A text as token ids; `specials[i]` is true for [CLS], [SEP], EOS and the like. */
export interface TokenRow {
  ids: number[];
  specials: boolean[];
}

/** One text as the model saw it (prompt included, truncated): its tokens and their hidden states. */
export interface TokenStates extends TokenRow {
  /** How each token reads ("##ing", "[CLS]", " hello"). */
  tokens: string[];
  /** The asked layer's hidden states (last_hidden_state by default) of this text run alone: [tokens, dims]. */
  hidden: Float32Array;
  dims: number;
}

export interface EmbedTokensOptions {
  /** @default every pooling */
  poolings?: readonly Pooling[];
  /** @default the last layer */
  layer?: Layer;
  signal?: AbortSignal;
  /**
   * Work no search waits on (an explanation's leave-one-out variants): run in small steps, each only when no
   * search query and no knowledge base's batch waits. @default false
   */
  background?: boolean;
}

export interface TokenEmbeddings {
  count: number;
  dims: number;
  /** Per pooling, an L2-normalized [count, dims] matrix, rows in input order. */
  embeddings: Partial<Record<Pooling, Float32Array>>;
  inferenceMs: number;
}

export interface TokenSpanOptions {
  /** Prepend the model's prompt for this kind (offsets then count from the prompt's start). @default no prompt */
  kind?: TextKind;
  /** @default true */
  addSpecialTokens?: boolean;
}

export const ENGINE_STATUSES = ["idle", "loading", "ready", "failed"] as const;
/** idle: never asked for; failed: the last load failed (kept, with why, until a retry). */
export type EngineStatus = (typeof ENGINE_STATUSES)[number];

/** One model's engine as /api/status shows it; the engine keeps exactly this, failures included. */
export interface EngineState {
  modelId: string;
  status: EngineStatus;
  device?: Device;
  graph?: Graph;
  dims?: number;
  loadMs?: number;
  /** Devices tried before the one used, and why they were skipped. */
  skipped?: SkippedDevice[];
  /** Why the load failed (no server paths). */
  error?: string;
}

/** A folder under models/ that could not be read as a model, and why; the other models are unaffected. */
export interface BrokenModel {
  id: string;
  reason: string;
}

/** What the browser needs to know about a model (no server paths). */
export interface ModelSummary {
  id: string;
  description: string;
  languages: string[];
  isDefault: boolean;
  architecture: Architecture;
  hiddenSize: number;
  numLayers: number;
  /** Inputs are cut to this many tokens (the engine's window: the model's own, 512 at most). */
  maxTokens: number;
  /** The model's own token window, from config.json (0 when it does not say). */
  contextTokens: number;
  /** Bytes the model needs loaded, for the graph the CPU would run (an estimate: lib/engine/memory.ts). */
  memory?: { graph: Graph; weightsBytes: number; workingBytes: number; totalBytes: number };
  nativePooling: Pooling;
  graphs: Graph[];
  hasQueryPrompt: boolean;
  /** The Matryoshka cuts its card declares (the radar offers them); absent: none. */
  matryoshka?: Matryoshka;
}
