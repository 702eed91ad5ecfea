/**
 * The store contract: the durable record of knowledge bases (model, entries, cleaning report, truncation list,
 * vectors per pooling). Two implementations run the same SQL (sql-store.ts): PGlite embedded in the process, and
 * a PostgreSQL server through `pg`. The in-memory rank worker stays the fast path; this is what survives a restart.
 */
import type { Pooling } from "../pooling/strategies";

/** Plain JSON: the store keeps reports as they are given and gives them back unchanged. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** What is saved about a knowledge base besides its vectors. */
export interface KbRecordInput {
  /** The content address (kbIdOf): the same model, graph and entries always get the same id. */
  id: string;
  name: string;
  modelId: string;
  /** The model graph that embedded it (fp32, int8): part of what makes vectors comparable. */
  graph: string;
  dims: number;
  entries: string[];
  poolings: Pooling[];
  report: Json;
  truncated: Json;
  /** The document the entries were cut from: its text apart (a text column), the rest as JSON (name, format, structure, chunks). */
  document?: KbDocumentRecord;
}

export interface KbDocumentRecord {
  text: string;
  detail: { name?: string; format: string } & { [key: string]: Json | undefined };
}

export interface KbRecord extends KbRecordInput {
  /** ISO 8601. */
  createdAt: string;
  /** True when it was saved with an HNSW index: searched in the database, not loaded into memory. */
  approximate: boolean;
}

/** One line of the library: what GET /api/kbs lists. */
export interface KbSummary {
  id: string;
  name: string;
  modelId: string;
  graph: string;
  dims: number;
  count: number;
  poolings: Pooling[];
  createdAt: string;
  /** True when searches use the HNSW index instead of exact in-memory ranking. */
  approximate: boolean;
  /** The document it was cut from, if any. */
  document?: { name?: string; format: string };
}

/** L2-normalized [count, dims] matrices, one per pooling. */
export type KbVectors = Partial<Record<Pooling, Float32Array>>;

export interface NearestHit {
  index: number;
  /** Cosine similarity (1 - pgvector's cosine distance). */
  score: number;
  text: string;
}

export interface SaveOptions {
  /** Poolings to index with HNSW (cosine), for searches without loading the vectors into memory. */
  indexPoolings?: Pooling[];
}

export interface KnowledgeBaseStore {
  /** Which implementation: "pglite" (embedded) or "postgres" (DATABASE_URL). */
  readonly kind: "pglite" | "postgres";
  /**
   * Writes a knowledge base in one transaction: it is listed only once every entry and vector is written, and a
   * crash before the commit leaves nothing behind. Saving an id that exists keeps the first copy (same content).
   * An implementation in another thread may move the matrices there and back: read `vectors` again once the save
   * is done (the arrays it held are empty meanwhile, and after a failed save).
   */
  save(kb: KbRecordInput, vectors: KbVectors, options?: SaveOptions): Promise<void>;
  has(id: string): Promise<boolean>;
  /** The record without vectors, or undefined. */
  get(id: string): Promise<KbRecord | undefined>;
  /** The record and every pooling's matrix, or undefined. */
  load(id: string): Promise<{ kb: KbRecord; vectors: KbVectors } | undefined>;
  /** Newest first. */
  list(): Promise<KbSummary[]>;
  /** Answers undefined when there is no such id. */
  rename(id: string, name: string): Promise<KbSummary | undefined>;
  /** Answers false when there was no such id. */
  delete(id: string): Promise<boolean>;
  /**
   * The k nearest entries by cosine distance (`ORDER BY embedding <=> $q LIMIT k`): through the HNSW index when
   * the pooling was indexed at save time (approximate), by a full scan otherwise (exact).
   */
  nearest(id: string, pooling: Pooling, query: Float32Array, k: number): Promise<NearestHit[]>;
  /** A result kept under `key` (a calibration), shared by every server on the database; undefined when absent. */
  readDocument(key: string): Promise<Json | undefined>;
  /** Writes the result under `key`, replacing any kept before. */
  writeDocument(key: string, body: Json): Promise<void>;
  close(): Promise<void>;
}

export type StoreState = "opening" | "ok" | "failed" | "disk_full";

/** The store's health, part of GET /api/status. */
export interface StoreHealth {
  /** "pglite" (embedded, in SEMANTIC_RADAR_DATA_DIR) or "postgres" (DATABASE_URL). */
  kind: "pglite" | "postgres";
  state: StoreState;
  /** Why it is failed or full, in plain words. */
  reason?: string;
  /** When failed: milliseconds until a request may try to open it again. */
  retryInMs?: number;
  /** Embedded store: free bytes on the disk holding its folder. */
  freeBytes?: number;
}
