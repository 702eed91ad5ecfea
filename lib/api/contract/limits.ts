/**
 * Limits of the radar's API, documented once here and quoted in error messages and the README. Pure: the browser
 * imports these too (the editor warns before a body would be refused).
 */

/**
 * A knowledge base may hold at most this many entries (after cleaning), unless the server sets
 * SEMANTIC_RADAR_MAX_ENTRIES. Each entry costs dims x 4 bytes per pooling: 50,000 x 384 x 5 poolings = 384 MB.
 * @default 50,000
 */
export const MAX_ENTRIES = 50_000;

/** Entries longer than this are cut to it before tokenizing (TEI's cheap character bound before the exact token one). */
export const MAX_ENTRY_CHARS = 10_000;

/** Request bodies over this many bytes are refused with 413 before they are parsed. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** A query longer than this is refused: a query is a sentence, not a document. */
export const MAX_QUERY_CHARS = 2_000;

/** Ids are short (kb_ + 24 hex characters, model folder names); anything longer is refused before a lookup. */
export const MAX_ID_CHARS = 128;

/** top-k bounds for a search. */
export const MIN_TOP_K = 1;
export const MAX_TOP_K = 100;
/** @default 10 */
export const DEFAULT_TOP_K = 10;

/** Scores at or above the threshold are highlighted green; the article's value. @default 0.4 */
export const DEFAULT_THRESHOLD = 0.4;

/** An error body lists at most this many problems, however many the input has. */
export const MAX_ERROR_ISSUES = 20;

/** A value echoed back in an error message is cut to this many characters. */
export const MAX_ECHO_CHARS = 200;

/** Entries allowed in a knowledge base on this server: SEMANTIC_RADAR_MAX_ENTRIES, else MAX_ENTRIES. */
export function maxEntries(env: Record<string, string | undefined> = typeof process === "undefined" ? {} : process.env): number {
  const configured = Number(env.SEMANTIC_RADAR_MAX_ENTRIES);
  return Number.isInteger(configured) && configured > 0 ? configured : MAX_ENTRIES;
}

/** Inputs in one /v1/embeddings, /embed, /similarity, /rerank or /tokenize request (OpenAI's limit). */
export const MAX_CLIENT_BATCH_SIZE = 2_048;

/** Tokens one embedding request may send to the model, summed over its inputs after truncation (OpenAI's cap). */
export const MAX_REQUEST_TOKENS = 300_000;

/** One input of the embedding API may be at most this long (the cheap bound before the exact token count). */
export const MAX_INPUT_CHARS = MAX_ENTRY_CHARS;
