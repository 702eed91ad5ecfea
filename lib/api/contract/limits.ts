/**
 * Limits of the radar's API, documented once (the domain's where they are the domain's) and quoted in error
 * messages and the docs. Pure: the browser imports these too (the editor warns before a body would be refused).
 */
export { MAX_ENTRIES, MAX_ENTRY_CHARS } from "../../kb/limits";
export { MAX_CLIENT_BATCH_SIZE, MAX_INPUT_CHARS, MAX_REQUEST_TOKENS } from "../../serve/limits";

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
