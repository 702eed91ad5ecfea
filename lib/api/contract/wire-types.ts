/**
 * The radar API's response types: what /api/status, /api/kb and /api/search return. Types only, safe for
 * components (components import these, never the engine). Request types are derived from the zod schemas beside.
 */
import type { EngineStatusReport } from "../../engine/types";
import type { ErrorCode } from "../../errors";
import type { Pooling } from "../../pooling/strategies";

export type { Pooling } from "../../pooling/strategies";
export type { BrokenModel, EngineState, EngineStatus, ModelSummary } from "../../engine/types";

/** Milliseconds per stage of a request; `totalMs` is always present. */
export type Timings = { totalMs: number } & Record<string, number>;

export interface ApiErrorBody {
  error: { code: ErrorCode; message: string };
}

/** GET /api/status. */
export type StatusResponse = EngineStatusReport & { timings: Timings };

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

/** The NDJSON events of POST /api/kb, one JSON object a line; exactly one `done` or `error` ends the stream. */
export type KbEvent =
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
    }
  | ({ type: "error" } & ApiErrorBody);

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

export interface SearchResponse {
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
  timings: Timings;
}
