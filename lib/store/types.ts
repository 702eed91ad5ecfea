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

/**
 * Whose library a row is in: a browser's (the SHA-256 of its owner key, 64 hex digits: the key itself is never
 * stored) or the room's, where the teacher publishes for everyone.
 */
export type LibraryOwner = string;
export const ROOM_LIBRARY: LibraryOwner = "room";

/** One named knowledge base in one library (its name is that library's, not the content's). */
export interface LibraryRow extends KbSummary {
  owner: LibraryOwner;
  /** ISO 8601: when it was first given a name in this library. */
  savedAt: string;
}

/** A knowledge base as the teacher's room page sees it: every one on the server, named or not. */
export interface RoomKbSummary extends KbSummary {
  /** Browser libraries that hold it under a name (the room's own not counted). */
  libraries: number;
  /** In the room's library: listed for every participant. */
  published: boolean;
}

/** What releasing a knowledge base from a library did. */
export interface Released {
  /** The library held it (named or not). */
  released: boolean;
  /** No library holds it any more, so its entries and vectors were deleted too. */
  deleted: boolean;
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
  /** Every knowledge base on the server, newest first, with who holds it (the teacher's view). */
  list(): Promise<RoomKbSummary[]>;
  /**
   * Renames the knowledge base itself: the name shown where no library names it (the teacher's list). Undefined
   * when there is no such id. Libraries name their own copies with keep().
   */
  rename(id: string, name: string): Promise<KbSummary | undefined>;
  /** The named knowledge bases of these libraries, most recently saved first. */
  library(owners: LibraryOwner[]): Promise<LibraryRow[]>;
  /**
   * Puts a knowledge base in `owner`'s library: without a name it is held (what embedding it does), listed
   * under the name it had if any; with one it is listed under that name; with null it is held, not listed.
   * Undefined when there is no such id.
   */
  keep(owner: LibraryOwner, id: string, name?: string | null): Promise<KbSummary | undefined>;
  /** Whether `owner`'s library holds the knowledge base, named or not. */
  holds(owner: LibraryOwner, id: string): Promise<boolean>;
  /**
   * Takes a knowledge base out of `owner`'s library; when no library holds it any more, its entries and vectors
   * go too, in the same transaction.
   */
  release(owner: LibraryOwner, id: string): Promise<Released>;
  /** Deletes a knowledge base from every library, with its entries and vectors. False when there was no such id. */
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
