/**
 * Documents as the knowledge-base domain keeps them: the text a parser drew out of a file, its structure
 * (headings, paragraphs, records, pages), how it was cut into chunks, and each chunk's place in the text. Types
 * and constants only, safe for components; the wire contract (lib/api/contract/document.ts) is built from these.
 */

/** What a document can be read as. csv, tsv and jsonl are tables: one record a row, the other columns kept as metadata. */
export const DOCUMENT_FORMATS = ["text", "markdown", "html", "pdf", "docx", "csv", "tsv", "jsonl"] as const;
export type DocumentFormat = (typeof DOCUMENT_FORMATS)[number];

/** How a document is cut into the entries that are embedded (lib/kb/chunk/chunkers.ts). */
export const CHUNK_METHODS = ["sentences", "paragraphs", "tokens", "recursive"] as const;
export type ChunkMethod = (typeof CHUNK_METHODS)[number];

export const BLOCK_KINDS = ["heading", "paragraph", "record"] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

/** A table record's other columns, by column name. */
export type EntryMetadata = Record<string, string>;

/** A run of the document's text that a chunk never crosses: a heading, a paragraph, a list item, a table row. */
export interface Block {
  kind: BlockKind;
  /** UTF-16 offsets into the document's text, [start, end). */
  start: number;
  end: number;
  /** 1 to 6 for headings. */
  level?: number;
  /** A record's other columns (csv, tsv, jsonl). */
  metadata?: EntryMetadata;
}

/** A PDF page's place in the text. */
export interface PageSpan {
  /** 1-based, as the PDF viewer numbers it. */
  number: number;
  start: number;
  end: number;
}

/** A document as parsed: plain text, blocks separated by a blank line, and its pages when it is a PDF. */
export interface ParsedDocument {
  name?: string;
  format: DocumentFormat;
  text: string;
  /** In order, not overlapping. */
  blocks: Block[];
  pages?: PageSpan[];
}

export interface ChunkingSpec {
  method: ChunkMethod;
  /** Tokens per chunk (tokens, recursive), at most the model's window. @default CHUNK_DEFAULTS[method].size */
  size?: number;
  /** Tokens shared by consecutive windows (tokens). @default CHUNK_DEFAULTS[method].overlap */
  overlap?: number;
}

/** One chunk's place in the document: the wire's `chunks` entry. */
export interface ChunkSpan {
  /** The entry's index in the knowledge base. */
  index: number;
  /** UTF-16 offsets into the document's text, [start, end). */
  start: number;
  end: number;
  /** The PDF page the chunk starts on. */
  page?: number;
}

/** How long the chunks are in the model's own tokens, before anything is embedded. */
export interface ChunkReport {
  method: ChunkMethod;
  size?: number;
  overlap?: number;
  count: number;
  /** Pieces with no letter or digit (a rule of dashes, a lone bullet), left out. */
  dropped: number;
  /** The model's window: tokens it reads of one text (special tokens and the document prompt included). */
  window: number;
  /** Tokens per chunk, special tokens and prompt included. */
  tokens: { min: number; median: number; max: number };
  /** Chunks per token length: bins [start, end] (inclusive) from 1 to the window; longer ones are in overWindow. */
  histogram: { start: number; end: number; count: number }[];
  /** Chunks longer than the window: the model will read only their first `window` tokens (listed, never silent). */
  overWindow: number[];
}

/** What a document knowledge base keeps besides its entries: enough to draw the document view again. */
export interface DocumentSource {
  document: ParsedDocument;
  chunking: ChunkingSpec;
  chunks: ChunkSpan[];
}
