/**
 * The limits of documents, documented once here; the wire contract quotes them. Pure.
 */

/** A file (PDF, .docx, ...) may be this big. A 200 MB file is refused before it is read. @default 20 MB */
export const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024;

/** The text drawn out of a document may be this long (about 2,500 pages of prose). @default 5,000,000 */
export const MAX_DOCUMENT_CHARS = 5_000_000;

/** A document is parsed within this time, or refused (a hostile or broken PDF never holds a worker for long). */
export const PARSE_TIME_LIMIT_MS = 60_000;

/** What each chunking method uses when size or overlap is left out (tokens of the model's own tokenizer). */
export const CHUNK_DEFAULTS = {
  sentences: {},
  paragraphs: {},
  tokens: { size: 128, overlap: 16 },
  recursive: { size: 256, overlap: 0 },
} as const;

/** The token-length histogram's bin width: a sixteenth of the window, at least 4 tokens. */
export function tokenBinWidth(window: number): number {
  return Math.max(4, Math.ceil(window / 16));
}
