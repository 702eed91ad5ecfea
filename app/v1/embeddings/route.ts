import { otherMethodsIn } from "@/lib/api/dialect";
import { base64Float32 } from "@/lib/api/openai/encode";
import { openAiRespond } from "@/lib/api/openai/errors";
import { embeddingsRequestSchema, type EmbeddingsResponse } from "@/lib/api/openai/schemas";
import { parseWith, readJsonBody } from "@/lib/api/validate";
import { embedTexts, rowOf } from "@/lib/serve/embed-texts";

/**
 * OpenAI's embeddings API: {input, model, encoding_format?, dimensions?, user?} plus `pooling` and `input_type`
 * -> {object: "list", data: [{object: "embedding", embedding, index}], model, usage}. Errors in OpenAI's shape.
 */
export async function POST(request: Request) {
  return openAiRespond(async (): Promise<EmbeddingsResponse> => {
    const body = parseWith(embeddingsRequestSchema, await readJsonBody(request));
    const embedded = await embedTexts({
      model: body.model,
      texts: body.input,
      kind: body.input_type ?? "document",
      pooling: body.pooling,
      dimensions: body.dimensions,
      undeclaredCut: "refuse",
      signal: request.signal,
    });
    const encode = (row: Float32Array) => (body.encoding_format === "base64" ? base64Float32(row) : Array.from(row));
    const data = body.input.map((_, index) => ({ object: "embedding" as const, embedding: encode(rowOf(embedded.vectors, embedded.dims, index)), index }));
    const tokens = embedded.tokenCounts.reduce((a, b) => a + b, 0);
    return { object: "list", data, model: embedded.model, usage: { prompt_tokens: tokens, total_tokens: tokens } };
  });
}

/** Any other method: 405 in OpenAI's error shape, with an Allow header; OPTIONS lists the methods answered. */
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethodsIn("openai", "POST");
