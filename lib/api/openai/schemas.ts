/**
 * POST /v1/embeddings as OpenAI defines it (the `openai` SDK's EmbeddingCreateParams), plus two documented
 * extensions: `pooling` and `input_type`. Pure: request schemas and response types.
 */
import { z } from "zod";
import { idField, poolingField, textInputs } from "../contract/fields";

export const ENCODING_FORMATS = ["float", "base64"] as const;
export const INPUT_TYPES = ["query", "document"] as const;

export const embeddingsRequestSchema = z.object(
  {
    input: textInputs("input"),
    /** @default the default model (OpenAI requires it; the SDKs always send it) */
    model: idField("a model id such as all-MiniLM-L6-v2 (GET /v1/models lists them)").optional(),
    /** base64: little-endian float32, what the official SDKs ask for by default and decode. @default "float" */
    encoding_format: z.enum(ENCODING_FORMATS, { error: `expected one of ${ENCODING_FORMATS.join(", ")}` }).optional(),
    /** Keep the first `dimensions` components and re-normalize (Matryoshka). @default all */
    dimensions: z.int({ error: "expected a positive integer" }).min(1, { error: "expected a positive integer" }).optional(),
    user: z.string({ error: "expected a string" }).max(256, { error: "expected at most 256 characters" }).optional(),
    /** Extension: one of POOLINGS. @default the model's native pooling */
    pooling: poolingField("expected a pooling name such as mean or cls", 64).optional(),
    /** Extension: "query" adds the model's query prompt. @default "document" */
    input_type: z.enum(INPUT_TYPES, { error: `expected one of ${INPUT_TYPES.join(", ")}` }).optional(),
  },
  { error: "expected an object {input, model, encoding_format?, dimensions?, user?, pooling?, input_type?}" },
);

export type EmbeddingsRequest = z.infer<typeof embeddingsRequestSchema>;

export interface EmbeddingsResponse {
  object: "list";
  data: { object: "embedding"; embedding: number[] | string; index: number }[];
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}

/** GET /v1/models. `created` is 0: the server does not know when a model folder was made. */
export interface ModelsResponse {
  object: "list";
  data: { id: string; object: "model"; created: number; owned_by: string }[];
}

/** OpenAI's error body. */
export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}
