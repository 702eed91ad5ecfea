/** Limits of the radar's API, documented once here and quoted in error messages and the README. */

/** A knowledge base may hold at most this many entries (after cleaning). */
export const MAX_ENTRIES = 50_000;

/** Entries longer than this are cut to it before tokenizing (TEI's cheap character bound before the exact token one). */
export const MAX_ENTRY_CHARS = 10_000;

/** Request bodies over this many bytes are refused with 413 before they are parsed. */
export const MAX_BODY_BYTES = 10 * 1024 * 1024;

/** A query longer than this is refused: a query is a sentence, not a document. */
export const MAX_QUERY_CHARS = 2_000;

/** top-k bounds for a search. */
export const MIN_TOP_K = 1;
export const MAX_TOP_K = 100;
/** @default 10 */
export const DEFAULT_TOP_K = 10;

/** Scores at or above the threshold are highlighted green; the article's value. @default 0.4 */
export const DEFAULT_THRESHOLD = 0.4;
