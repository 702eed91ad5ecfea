/**
 * What the knowledge-base domain takes and gives: cleaning reports, search hits and results, the events of
 * embedding a knowledge base. Types only, safe for components. The wire contract (lib/api/contract) is built
 * from these; nothing here knows about HTTP.
 */
import type { Pooling } from "../pooling/strategies";

/** Milliseconds per stage of a request; `totalMs` is always present. */
export type Timings = { totalMs: number } & Record<string, number>;

/** What cleaning did to a pasted knowledge base before embedding. */
export interface CleaningReport {
  /** Lines given, before cleaning. */
  given: number;
  /** Entries kept, in order. */
  kept: number;
  blank: number;
  symbolsOnly: number;
  duplicates: number;
  /** Entries over MAX_ENTRY_CHARS, cut to it (index into the kept entries). */
  cutToChars: { index: number; chars: number }[];
}

/** An entry the model saw only part of: over the model's max tokens (and maybe over MAX_ENTRY_CHARS first). */
export interface TruncatedEntry {
  index: number;
  preview: string;
  tokens: number;
  keptTokens: number;
}

/** A knowledge base as the repository keeps it (its vectors live in the rank worker or the database). */
export interface StoredKb {
  id: string;
  modelId: string;
  entries: string[];
  dims: number;
  /** The poolings it has [entries.length, dims] matrices for. */
  poolings: Pooling[];
  report: CleaningReport;
  truncated: TruncatedEntry[];
}

/** What to embed: a knowledge base's entries, on a model (the default one when none is named). */
export interface KbInput {
  model?: string;
  entries: readonly string[];
}

/** The events of embedding a knowledge base, in order: cleaned, progress..., done. */
export type KbBuildEvent =
  | { type: "cleaned"; model: string; count: number; report: CleaningReport }
  /** Entries embedded so far; never decreases, ends at total. */
  | { type: "progress"; done: number; total: number }
  | {
      type: "done";
      kbId: string;
      model: string;
      count: number;
      dims: number;
      truncated: TruncatedEntry[];
      report: CleaningReport;
      /** True when this exact knowledge base was already embedded and kept: nothing was re-embedded. */
      cached: boolean;
      timings: Timings;
    };

/** A search, checked: a saved knowledge base (`kbId`) or a one-off one (`entries`), never both. */
export interface SearchInput {
  kbId?: string;
  model?: string;
  entries?: readonly string[];
  /** Trimmed, with something to embed in it. */
  query: string;
  /** Known poolings, each once. @default [the model's native pooling] */
  poolings?: readonly Pooling[];
  topK: number;
  /**
   * Rank on the first `dimensions` of every vector, renormalized (a Matryoshka cut); only for a model whose card
   * declares Matryoshka training. @default every dimension
   */
  dimensions?: number;
}

export interface SearchHit {
  /** Index of the entry in the cleaned knowledge base. */
  index: number;
  text: string;
  score: number;
  /** 1-based rank under this pooling. */
  rank: number;
  /** This entry's 1-based rank under every pooling searched (for rank changes between columns). */
  ranks: Partial<Record<Pooling, number>>;
}

/** Counts of scores in [start, start + width). */
export interface HistogramBin {
  start: number;
  end: number;
  count: number;
}

export interface SearchResult {
  kbId: string;
  model: string;
  query: string;
  count: number;
  results: Partial<Record<Pooling, SearchHit[]>>;
  /** Distribution of every entry's score, per pooling. */
  histograms: Partial<Record<Pooling, HistogramBin[]>>;
  truncatedQuery: boolean;
  /**
   * True when the knowledge base is over the server's exact-search size and was searched through pgvector's HNSW
   * index: the top k are approximate (recall@10 >= 0.95 in `npm run bench -- store`), and there are no histograms.
   */
  approximate: boolean;
  /** Present when the scores are of a Matryoshka cut: the first `used` of the model's `of` dimensions. */
  dimensions?: { used: number; of: number };
  timings: Timings;
}
