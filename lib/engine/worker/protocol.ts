/**
 * What the engine asks the thread that holds its model, and what it answers: one table, one line per request
 * type. Types only. Vectors and token ids cross as transferred ArrayBuffers (moved, not copied).
 */
import type { Pooling } from "../../pooling/strategies";
import type { BatchRows } from "../run-batches";
import type { JobRows, PackedTokens } from "../rows";
import type { DeviceChoice, Graph, LoadedModelInfo, ModelInfo, TextKind, TokenSpan, TokenStates, Truncation, TruncationDirection } from "../types";
import type { RequestOf, ReplyOf } from "./serve";

export interface TokenizeReply {
  tokens: PackedTokens;
  truncated: Truncation[];
  tokenizeMs: number;
}

/** One forward pass: per pooling L2-normalized [rows, dims] and norms [rows], in the order given. */
export type ForwardReply = BatchRows;

/** A coalesced job of short texts: its rows in the order given, with the time each stage took. */
export interface EmbedReply extends JobRows, BatchRows {
  tokenizeMs: number;
}

export type EmbedProtocol = {
  /** Load tokenizer and graph (trying devices in order for "auto"). */
  load: { request: { model: ModelInfo; device: DeviceChoice; graph?: Graph }; reply: LoadedModelInfo };
  /** Tokenize with the prompt for `kind`, truncated to the model's max. */
  tokenize: { request: { texts: string[]; kind: TextKind; truncation: TruncationDirection }; reply: TokenizeReply };
  /**
   * One forward pass over already tokenized texts: rows keyed by pooling, of `layer` (a layer key; @default the
   * last), or with `layers` keyed by layerRowKey(layer, pooling) for each.
   */
  forward: { request: { tokens: PackedTokens; poolings: Pooling[]; layer?: string; layers?: string[] }; reply: ForwardReply };
  /** Tokenize and embed a few short texts (coalesced queries), split within the token budget. */
  embed: { request: { texts: string[]; kind: TextKind; truncation: TruncationDirection; poolings: Pooling[]; layer?: string }; reply: EmbedReply };
  /** Token counts before truncation, special tokens included. */
  count: { request: { texts: string[] }; reply: number[] };
  /** A few texts' tokens and last hidden states, each run alone (explanations). */
  states: { request: { texts: string[]; kind: TextKind; truncation: TruncationDirection; layer?: string }; reply: TokenStates[] };
  /** Tokens with offsets, for /tokenize. */
  spans: { request: { texts: string[]; kind?: TextKind; addSpecialTokens: boolean }; reply: TokenSpan[][] };
};

export type EmbedCall = keyof EmbedProtocol;
export type EmbedRequest<K extends EmbedCall = EmbedCall> = RequestOf<EmbedProtocol, K>;
export type EmbedReplyOf<K extends EmbedCall> = ReplyOf<EmbedProtocol, K>;

/** How the engine reaches its model: a worker thread (the server), or this thread (CLIs and harnesses). */
export interface ModelPort {
  ask<K extends EmbedCall>(request: EmbedRequest<K>, transfer?: readonly ArrayBuffer[]): Promise<EmbedReplyOf<K>>;
  close(): Promise<void>;
}
