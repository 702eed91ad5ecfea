/**
 * Text-embeddings-inference's request shapes (router/src/http/types.rs: EmbedRequest, SimilarityRequest,
 * RerankRequest, TokenizeRequest), plus `model` (TEI serves one model; this server several) and `pooling`.
 * TEI's nullable fields accept null. Pure.
 */
import { z } from "zod";
import type { TruncationDirection } from "../../engine/types";
import { idField, poolingField, queryField, textInputs } from "../contract/fields";
import { MAX_CLIENT_BATCH_SIZE } from "../contract/limits";

const bool = (what: string) => z.boolean({ error: `expected true or false (${what})` });
// TEI's serde accepts both spellings.
const directions = ["right", "Right", "left", "Left"] as const;

const common = {
  /** Extension: which installed model. @default the `x-model` header, else the default model */
  model: idField("a model id such as all-MiniLM-L6-v2").optional(),
  /** Extension: one of POOLINGS. @default the model's native pooling */
  pooling: poolingField("expected a pooling name such as mean or cls", 64).optional(),
};
const truncation = {
  /** Cut inputs longer than the model's window (TEI's auto-truncate default). @default true */
  truncate: bool("cut inputs longer than the model's window").nullish(),
  /** Which end of a long input is cut: "right" keeps its start, "left" its end. @default "right" */
  truncation_direction: z.enum(directions, { error: 'expected "right" (keep the start of a long input) or "left" (keep its end)' }).nullish(),
};
/** "query" or "document": the model's prompt of that name is prepended (none when the model has none). */
const promptName = z.enum(["query", "document"], { error: 'expected "query" or "document" (the prompts this server knows)' }).nullish();

const textList = (what: string) =>
  z
    .array(z.string({ error: `expected each of \`${what}\` to be a string` }), { error: `expected \`${what}\` as an array of strings` })
    .min(1, { error: `expected at least one of \`${what}\`` })
    .max(MAX_CLIENT_BATCH_SIZE, { error: (issue) => `expected at most ${MAX_CLIENT_BATCH_SIZE.toLocaleString("en")} ${what}, got ${(issue.input as unknown[]).length.toLocaleString("en")}` });

export const teiEmbedSchema = z.object(
  {
    inputs: textInputs("inputs"),
    ...common,
    ...truncation,
    prompt_name: promptName,
    /** false: the pooled vectors as the model gives them, not L2-normalized. @default true */
    normalize: bool("L2-normalize the vectors").nullish(),
    dimensions: z.int({ error: "expected a positive integer" }).min(1, { error: "expected a positive integer" }).nullish(),
  },
  { error: "expected an object {inputs, normalize?, truncate?, truncation_direction?, prompt_name?, dimensions?, model?, pooling?}" },
);

export const teiSimilaritySchema = z.object(
  {
    inputs: z.object(
      { source_sentence: z.string({ error: "expected a string" }), sentences: textList("sentences") },
      { error: "expected {source_sentence: string, sentences: string[]}" },
    ),
    parameters: z.object({ ...truncation, prompt_name: promptName }, { error: "expected {truncate?, truncation_direction?, prompt_name?}" }).nullish(),
    ...common,
  },
  { error: "expected an object {inputs: {source_sentence, sentences}, parameters?, model?, pooling?}" },
);

export const teiRerankSchema = z.object(
  {
    query: queryField("expected the query as a string"),
    texts: textList("texts"),
    ...common,
    ...truncation,
    /** Scores are cosines either way (a bi-encoder has no logits to squash). @default false */
    raw_scores: bool("raw scores").optional(),
    return_text: bool("return each text with its score").optional(),
  },
  { error: "expected an object {query, texts, return_text?, raw_scores?, truncate?, model?, pooling?}" },
);

export const teiTokenizeSchema = z.object(
  {
    inputs: textInputs("inputs"),
    add_special_tokens: bool("add [CLS]/[SEP] and the like").optional(),
    prompt_name: promptName,
    model: common.model,
  },
  { error: "expected an object {inputs, add_special_tokens?, prompt_name?, model?}" },
);

export const teiInfoQuerySchema = z.object({ model: common.model });

export type TeiEmbedRequest = z.infer<typeof teiEmbedSchema>;
export type TeiSimilarityRequest = z.infer<typeof teiSimilaritySchema>;
export type TeiRerankRequest = z.infer<typeof teiRerankSchema>;
export type TeiTokenizeRequest = z.infer<typeof teiTokenizeSchema>;

/** TEI's SimpleToken. */
export interface TeiToken {
  id: number;
  text: string;
  special: boolean;
  start: number | null;
  stop: number | null;
}

export interface TeiRank {
  index: number;
  text?: string;
  score: number;
}

/** GET /info: TEI's Info, for the chosen model. */
export interface TeiInfo {
  model_id: string;
  model_sha: null;
  model_dtype: string;
  served_model_name: string;
  model_type: { embedding: { pooling: string } };
  max_concurrent_requests: number;
  max_input_length: number;
  max_batch_tokens: number;
  max_batch_requests: null;
  max_client_batch_size: number;
  auto_truncate: boolean;
  tokenization_workers: number;
  version: string;
  sha: null;
  docker_label: null;
}

export interface TeiErrorBody {
  error: string;
  error_type: "unhealthy" | "backend" | "overloaded" | "validation" | "tokenizer" | "empty";
}

/** TEI's truncation_direction as the engine names it. */
export function truncationOf(direction: (typeof directions)[number] | null | undefined): TruncationDirection {
  return direction?.toLowerCase() === "left" ? "left" : "right";
}
