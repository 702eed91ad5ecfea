import { otherMethodsIn } from "@/lib/api/dialect";
import { respond } from "@/lib/api/respond";
import { parseWith, readJsonBody } from "@/lib/api/validate";
import { searchKb } from "@/lib/kb/search-kb";
import { searchRequestSchema } from "@/lib/api/contract";

/**
 * Ranks a knowledge base against a query under each requested pooling:
 * {results: {<pooling>: [{index, text, score, rank, ranks}]}, histograms, timings}.
 */
export async function POST(request: Request) {
  return respond(async () => {
    const body = parseWith(searchRequestSchema, await readJsonBody(request));
    return searchKb(body, request.signal);
  });
}

/** Any other method: 405 with a JSON body and an Allow header; OPTIONS lists the methods answered. */
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethodsIn("radar", "POST");
