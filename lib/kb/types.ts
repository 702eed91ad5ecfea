/**
 * What the knowledge-base domain takes and gives: cleaning reports, search hits and results, the events of
 * embedding a knowledge base. Types only, safe for components. The wire contract (lib/api/contract) is built
 * from these; nothing here knows about HTTP.
 */
import type { Correction } from "../pooling/corrections";
import type { Layer } from "../pooling/layers";
import type { Precision } from "../pooling/precision";
import type { Pooling } from "../pooling/strategies";
import type { ChunkingSpec, ChunkReport, ChunkSpan, DocumentFormat, DocumentSource, EntryMetadata, ParsedDocument } from "./document/types";

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
  /** A document's knowledge base: the document, its chunking and each entry's place in it. */
  source?: DocumentSource;
}

/** A document to chunk and embed: its text, or a file's bytes in base64 with its name. */
export interface DocumentFields {
  text?: string;
  base64?: string;
  /** The file name (its extension tells the format when `format` is left out). */
  name?: string;
  /** @default from the name's extension, else "text" */
  format?: DocumentFormat;
  /** The column (csv, tsv) or field (jsonl) holding the text. @default guessed */
  textField?: string;
}

/**
 * What to embed, on a model (the default one when none is named): a knowledge base's entries, or a document cut
 * into chunks (never both).
 */
export interface KbInput {
  model?: string;
  entries?: readonly string[];
  document?: DocumentFields;
  /** How to cut the document. @default {method: "recursive"} */
  chunking?: ChunkingSpec;
}

export type DocumentKbInput = KbInput & { document: DocumentFields };

/** The events of embedding a knowledge base, in order: cleaned, progress..., done. */
export type KbBuildEvent =
  /** A document was parsed and chunked (before "cleaned"): its text, its chunks' places and their token lengths. */
  | { type: "chunked"; model: string; document: ParsedDocument; chunking: ChunkingSpec; chunks: ChunkSpan[]; report: ChunkReport }
  | { type: "cleaned"; model: string; count: number; report: CleaningReport }
  /** Entries embedded so far (those resumed from a cancelled run included); never decreases, ends at total. */
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
      /** Entries whose vectors came from an earlier run of the same request that was cancelled (absent: none). */
      resumed?: number;
      /** A document's chunks: each entry's place in the document's text (character offsets, PDF page). */
      chunks?: ChunkSpan[];
      chunkReport?: ChunkReport;
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
  /** Add `results.keyword`: BM25 hits with their own scores. */
  keyword?: boolean;
  /** Add `results.hybrid`: keyword and semantic (the first pooling) fused by reciprocal rank. */
  hybrid?: boolean;
  /** Rank only the entries whose metadata has these values (a table's other columns). */
  filter?: Readonly<Record<string, string>>;
  /**
   * Rank on the first `dimensions` of every vector, renormalized (a Matryoshka cut); only for a model whose card
   * declares Matryoshka training. @default every dimension
   */
  dimensions?: number;
  /** Which layer's hidden states to pool. @default the last layer */
  layer?: Layer;
  /** A correction fitted on the knowledge base itself, per pooling. @default "none" */
  correction?: Correction;
  /** Whitening keeps this many leading components. @default all the knowledge base has */
  whiteningDims?: number;
  /** How the knowledge base's vectors are kept and compared. @default "float32" */
  precision?: Precision;
}

/** What a result was computed with: the defaults are the last layer, no correction, float32. */
export interface SearchVariant {
  /** "0".."n", "first_last" or "last_two" (lib/pooling/layers.ts's layerKey). */
  layer: string;
  /** The model's last layer's number, so a label can say "layer 6 (last)". */
  lastLayer: number;
  correction: Correction;
  /** Whitening cut to this many components, when asked. */
  whiteningDims?: number;
  precision: Precision;
}

/** For a precision other than float32: how this search differs from the same search in float32. */
export interface PrecisionCheck {
  /** Share of float32's top k that this precision also ranks in its top k. */
  overlap: number;
  /** Mean |score shown - float32 score| over the entries shown. */
  scoreError: number;
  bytesPerVector: number;
  /** bytesPerVector x entries: the knowledge base's index for this pooling. */
  totalBytes: number;
  float32Bytes: number;
}

/** Where a document's entry sits, and a table record's other columns: given with each hit of such a knowledge base. */
export interface HitPlace {
  span?: { start: number; end: number; page?: number };
  metadata?: EntryMetadata;
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
  span?: HitPlace["span"];
  metadata?: EntryMetadata;
}

/** A BM25 hit: its score is BM25's (unbounded), never comparable with a cosine. */
export interface KeywordSearchHit extends HitPlace {
  index: number;
  text: string;
  score: number;
  rank: number;
}

/** A hit of the hybrid ranking: its score is the reciprocal-rank-fusion sum, and the ranks it was fused from. */
export interface HybridSearchHit extends HitPlace {
  index: number;
  text: string;
  score: number;
  rank: number;
  /** Its rank in the keyword list and in the semantic list (null: not in that list's top). */
  keywordRank: number | null;
  semanticRank: number | null;
}

/** Per pooling the semantic hits; `keyword` and `hybrid` when asked for. */
export type SearchResults = Partial<Record<Pooling, SearchHit[]>> & {
  keyword?: KeywordSearchHit[];
  hybrid?: HybridSearchHit[];
};

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
  results: SearchResults;
  /** The pooling the hybrid ranking fused with keyword search. */
  hybridPooling?: Pooling;
  /** Entries the filter left to rank (when a filter was given). */
  filtered?: number;
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
  /** The layer, correction and precision the scores come from (always present, defaults included). */
  variant: SearchVariant;
  /** Per pooling, when the precision is not float32. */
  precisionCheck?: Partial<Record<Pooling, PrecisionCheck>>;
  timings: Timings;
}
