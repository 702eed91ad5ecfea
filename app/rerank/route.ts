import { otherMethodsIn } from "@/lib/api/dialect";
import { characters, modelOf, teiRespond } from "@/lib/api/tei/respond";
import { teiRerankSchema, truncationOf, type TeiRank } from "@/lib/api/tei/schemas";
import { parseWith, readJsonBody } from "@/lib/api/validate";
import { rerank } from "@/lib/serve/compare";

/**
 * TEI's /rerank: {query, texts, return_text?, raw_scores?} -> [{index, score, text?}], best first. A bi-encoder's
 * cosine (query with the model's query prompt, texts as documents), not a cross-encoder's relevance score.
 */
export async function POST(request: Request) {
  return teiRespond(async () => {
    const body = parseWith(teiRerankSchema, await readJsonBody(request));
    const scored = await rerank({
      model: modelOf(request, body.model),
      pooling: body.pooling,
      query: body.query,
      texts: body.texts,
      truncate: body.truncate ?? true,
      truncation: truncationOf(body.truncation_direction),
      signal: request.signal,
    });
    const ranks: TeiRank[] = scored.scores.map((score, index) => (body.return_text ? { index, text: body.texts[index], score } : { index, score }));
    ranks.sort((a, b) => b.score - a.score || a.index - b.index);
    return { body: ranks, timings: scored.timings, tokens: scored.tokens, characters: characters([body.query, ...body.texts]) };
  });
}

/** Any other method: 405 in TEI's error shape, with an Allow header; OPTIONS lists the methods answered. */
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethodsIn("tei", "POST");
