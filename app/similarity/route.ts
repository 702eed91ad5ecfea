import { otherMethodsIn } from "@/lib/api/dialect";
import { characters, modelOf, teiRespond } from "@/lib/api/tei/respond";
import { teiSimilaritySchema, truncationOf } from "@/lib/api/tei/schemas";
import { parseWith, readJsonBody } from "@/lib/api/validate";
import { similarity } from "@/lib/serve/compare";

/** TEI's /similarity: {inputs: {source_sentence, sentences}, parameters?} -> cosines, in the sentences' order. */
export async function POST(request: Request) {
  return teiRespond(async () => {
    const body = parseWith(teiSimilaritySchema, await readJsonBody(request));
    const { source_sentence: source, sentences } = body.inputs;
    const scored = await similarity({
      model: modelOf(request, body.model),
      pooling: body.pooling,
      source,
      sentences,
      kind: body.parameters?.prompt_name ?? "document",
      truncate: body.parameters?.truncate ?? true,
      truncation: truncationOf(body.parameters?.truncation_direction),
      signal: request.signal,
    });
    return { body: scored.scores, timings: scored.timings, tokens: scored.tokens, characters: characters([source, ...sentences]) };
  });
}

/** Any other method: 405 in TEI's error shape, with an Allow header; OPTIONS lists the methods answered. */
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethodsIn("tei", "POST");
