/** Limits of the embedding API (/v1/embeddings, /embed, /similarity, /rerank, /tokenize). Pure. */
import { MAX_ENTRY_CHARS } from "../kb/limits";

/** Inputs in one /v1/embeddings, /embed, /similarity, /rerank or /tokenize request (OpenAI's limit). */
export const MAX_CLIENT_BATCH_SIZE = 2_048;

/** Tokens one embedding request may send to the model, summed over its inputs after truncation (OpenAI's cap). */
export const MAX_REQUEST_TOKENS = 300_000;

/** One input of the embedding API may be at most this long (the cheap bound before the exact token count). */
export const MAX_INPUT_CHARS = MAX_ENTRY_CHARS;
