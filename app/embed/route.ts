import { otherMethodsIn } from "@/lib/api/dialect";
import { characters, modelOf, teiRespond } from "@/lib/api/tei/respond";
import { teiEmbedSchema, truncationOf } from "@/lib/api/tei/schemas";
import { parseWith, readJsonBody } from "@/lib/api/validate";
import { embedTexts, rowOf } from "@/lib/serve/embed-texts";

/** TEI's /embed: {inputs, normalize?, truncate?, truncation_direction?, prompt_name?, dimensions?} -> number[][]. */
export async function POST(request: Request) {
  return teiRespond(async () => {
    const body = parseWith(teiEmbedSchema, await readJsonBody(request));
    const embedded = await embedTexts({
      model: modelOf(request, body.model),
      texts: body.inputs,
      kind: body.prompt_name ?? "document",
      pooling: body.pooling,
      dimensions: body.dimensions ?? undefined,
      // TEI cuts any model; OpenAI's route refuses a cut of one without Matryoshka training.
      undeclaredCut: "cut",
      truncate: body.truncate ?? true,
      truncation: truncationOf(body.truncation_direction),
      normalize: body.normalize ?? true,
      signal: request.signal,
    });
    const vectors = body.inputs.map((_, i) => Array.from(rowOf(embedded.vectors, embedded.dims, i)));
    return { body: vectors, timings: embedded.timings, tokens: sum(embedded.tokenCounts), characters: characters(body.inputs) };
  });
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** Any other method: 405 in TEI's error shape, with an Allow header; OPTIONS lists the methods answered. */
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethodsIn("tei", "POST");
