/** What the main thread asks the document worker (document-worker.ts), and what it answers. Types only. */
import type { KeywordHit } from "./keyword/bm25";
import type { ChunkedDocument, TokenBudget } from "./chunk/chunk-document";
import type { DocumentInput } from "./document/parse";
import type { ChunkingSpec, ParsedDocument } from "./document/types";

export type DocumentWorkerRequest =
  /** Parse a document; answers ParsedReply. */
  | { type: "parse"; input: DocumentInput }
  /** Chunk a parsed document with the tokens of each piece key; answers ChunkedDocument. */
  | { type: "chunk"; doc: ParsedDocument; spec: ChunkingSpec; keys: string[]; counts: number[]; budget: TokenBudget; modelId: string }
  /**
   * Rank a knowledge base's entries by BM25; `texts` builds (and keeps) its index when the worker has none for
   * `kbId`. Answers KeywordReply.
   */
  | { type: "keyword"; kbId: string; query: string; topK: number; texts?: string[]; allowed?: number[] };

export interface ParsedReply {
  doc: ParsedDocument;
  /** The distinct pieces of its text (chunk/pieces.ts), for the model's tokenizer to count. */
  keys: string[];
}

export type KeywordReply = { missing: true } | { missing: false; hits: KeywordHit[]; indexMs: number; searchMs: number };

export type { ChunkedDocument };
