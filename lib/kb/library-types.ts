/**
 * The library of saved knowledge bases and the export file it writes and reads back without re-embedding: what
 * lib/kb/library.ts takes and gives. Types and constants, pure.
 */
import type { Pooling } from "../pooling/strategies";
import type { DocumentFormat, DocumentSource } from "./document/types";

/** A library name is a label: at most this many characters. */
export const MAX_KB_NAME_CHARS = 120;

/** One saved knowledge base, as the library lists it (newest first). */
export interface LibraryKb {
  id: string;
  name: string;
  model: string;
  count: number;
  dims: number;
  poolings: Pooling[];
  /** ISO 8601. */
  created: string;
  /** Searched through pgvector's HNSW index (bigger than the server's exact-search size). */
  approximate: boolean;
  /** Cut from a document: open it in the document view (/documents?kb=<id>). */
  document?: { name?: string; format: DocumentFormat };
  /** In the asking browser's own library: it may rename, remove and export it. */
  mine: boolean;
  /** Published by the teacher: listed for everyone, removed only by the teacher. */
  published: boolean;
}

/** One knowledge base as the teacher's room page lists it: every one on the server. */
export interface RoomKb extends Omit<LibraryKb, "mine"> {
  /** How many participants' libraries hold it under a name. */
  libraries: number;
}

export interface Library {
  kbs: LibraryKb[];
  /** Where the server keeps them: the embedded database or a PostgreSQL server. */
  store: "pglite" | "postgres";
}

/** One saved knowledge base with its cleaned entries (what the radar opens into its editor). */
export interface LibraryKbWithEntries {
  kb: LibraryKb;
  entries: string[];
  /** A document's knowledge base: the document, its chunking and each entry's place (what the document view draws). */
  source?: DocumentSource;
}

/** The export file's `format` field: anything else is not a knowledge-base export. */
export const EXPORT_FORMAT = "semantic-radar-kb";
export const EXPORT_VERSION = 1;

/**
 * The export file (one JSON document, application/json):
 * - `manifest`: what it is (kbId, name, model, graph, dims, count, poolings, created) and SHA-256 checksums of the
 *   entries (their JSON) and of each pooling's raw vector bytes;
 * - `entries`: the cleaned entries in order; `report`, `truncated`: what cleaning and the tokenizer did;
 * - `vectors`: per pooling, base64 of the [count, dims] float32 matrix, little-endian, row after row.
 */
export interface ExportFile {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  manifest: {
    kbId: string;
    name: string;
    model: string;
    graph: string;
    dims: number;
    count: number;
    poolings: Pooling[];
    created: string;
    checksums: { entries: string; vectors: Partial<Record<Pooling, string>> };
  };
  entries: string[];
  report: Record<string, unknown>;
  truncated: unknown[];
  vectors: Partial<Record<Pooling, string>>;
  /** A document's knowledge base: the document (its text, and as JSON its name, format, structure, chunking, chunks). */
  source?: { text: string; detail: { format: DocumentFormat; name?: string } & Record<string, unknown> };
}
