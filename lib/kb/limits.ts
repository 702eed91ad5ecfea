/**
 * The knowledge-base limits, documented once here; the wire contract quotes them and the browser's editor warns
 * before a body would be refused. Pure.
 */

/**
 * A knowledge base may hold at most this many entries (after cleaning), unless the server sets
 * SEMANTIC_RADAR_MAX_ENTRIES. Each entry costs dims x 4 bytes per pooling: 50,000 x 384 x 5 poolings = 384 MB.
 * @default 50,000
 */
export const MAX_ENTRIES = 50_000;

/** Entries longer than this are cut to it before tokenizing (TEI's cheap character bound before the exact token one). */
export const MAX_ENTRY_CHARS = 10_000;
