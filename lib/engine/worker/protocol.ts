/**
 * What the main thread asks the embedding worker, and what it answers. Types only. Vectors and token ids cross
 * as transferred ArrayBuffers (moved, not copied).
 */
import type { Pooling } from "../../pooling/strategies";
import type { DeviceChoice, Graph, LoadedModelInfo, ModelInfo, TextKind, Truncation, TruncationDirection } from "../types";
import type { PackedTokens } from "./packed";

export type PooledRows = Partial<Record<Pooling, Float32Array>>;

export type EmbedWorkerRequest =
  /** Load tokenizer and graph (trying devices in order for "auto"). Answers LoadedModelInfo. */
  | { type: "load"; model: ModelInfo; device: DeviceChoice; graph?: Graph }
  /** Tokenize with the prompt for `kind`, truncated to the model's max. Answers TokenizeReply. */
  | { type: "tokenize"; texts: string[]; kind: TextKind; truncation: TruncationDirection }
  /** One forward pass over already tokenized texts. Answers ForwardReply. */
  | { type: "forward"; tokens: PackedTokens; poolings: Pooling[] }
  /** Tokenize and embed a few short texts (coalesced queries), split within the token budget. Answers EmbedReply. */
  | { type: "embed"; texts: string[]; kind: TextKind; truncation: TruncationDirection; poolings: Pooling[] }
  /** Token counts before truncation, special tokens included. Answers number[]. */
  | { type: "count"; texts: string[] }
  /** A few texts' tokens and last hidden states, each run alone (explanations). Answers TokenStates[]. */
  | { type: "states"; texts: string[]; kind: TextKind; truncation: TruncationDirection }
  /** Tokens with offsets, for /tokenize. Answers TokenSpan[][]. */
  | { type: "spans"; texts: string[]; kind?: TextKind; addSpecialTokens: boolean };

export interface TokenizeReply {
  tokens: PackedTokens;
  truncated: Truncation[];
  tokenizeMs: number;
}

export interface ForwardReply {
  /** Per pooling, L2-normalized [rows, dims] in the order given. */
  pooled: PooledRows;
  /** Per pooling, each row's length before normalization: [rows]. */
  norms: PooledRows;
  inferenceMs: number;
  poolMs: number;
}

export interface EmbedReply extends ForwardReply {
  tokenCounts: number[];
  truncated: Truncation[];
  tokenizeMs: number;
}

export type LoadReply = LoadedModelInfo;
