/** One search score explained token by token: what explainScore takes and gives. Types and constants, pure. */
import type { Correction } from "../pooling/correction-names";
import type { Layer } from "../pooling/layers";
import type { Pooling } from "../pooling/strategies";
import type { Timings } from "./types";

/**
 * Leave-one-out re-embeds a text once per token: at most this many tokens of each text are left out in turn
 * (the rest read as null). 128 variants of a 256-token entry are one or two forward batches on a small model.
 */
export const MAX_LEAVE_ONE_OUT_TOKENS = 128;

/** An explanation request, checked: a saved (`kbId`) or one-off (`entries`) knowledge base, a known pooling. */
export interface ExplainInput {
  kbId?: string;
  model?: string;
  entries?: readonly string[];
  /** Trimmed, with something to embed in it. */
  query: string;
  /** The entry's index in the cleaned knowledge base (SearchHit.index). */
  index: number;
  pooling: Pooling;
  /** Whose hidden states, as the search used them. @default the last layer */
  layer?: Layer;
  /** The correction the search applied, fitted on the same knowledge base. @default "none" */
  correction?: Correction;
}

export const EXPLAIN_METHODS = ["exact-mean", "leave-one-out"] as const;
/** exact-mean: each token's term of the cosine (they sum to the score). leave-one-out: score minus score without it. */
export type ExplainMethod = (typeof EXPLAIN_METHODS)[number];

export interface TokenContribution {
  /** How the token reads ("##ing", "[CLS]"). */
  text: string;
  /** Its share of the score (exact-mean) or the score it takes away when left out; null past the leave-one-out cap. */
  contribution: number | null;
  special: boolean;
}

export interface ExplainedText {
  text: string;
  tokens: TokenContribution[];
  /** Sum of the contributions (equals the score under exact-mean). */
  total: number;
}

export interface Explanation {
  model: string;
  pooling: Pooling;
  index: number;
  score: number;
  method: ExplainMethod;
  /** The method in words, with its bounds ("first 128 tokens of each text"). */
  methodNote: string;
  /** Off the defaults: the layer and correction the score was explained under. */
  variantNote?: string;
  query: ExplainedText;
  entry: ExplainedText;
  timings: Timings;
}
