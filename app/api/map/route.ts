import { otherMethodsIn } from "@/lib/api/dialect";
import { respond } from "@/lib/api/respond";
import { parseWith, readJsonBody } from "@/lib/api/validate";
import { mapKb } from "@/lib/kb/map-kb";
import { mapRequestSchema } from "@/lib/api/contract";

/**
 * A knowledge base laid out in 2-D per pooling (PCA or seeded UMAP), the query among it:
 * {poolings: {<pooling>: {points: [{index, x, y, score, text}], query, explainedVariance}}, sample, timings}.
 */
export async function POST(request: Request) {
  return respond(async () => {
    const body = parseWith(mapRequestSchema, await readJsonBody(request));
    return mapKb(body, request.signal);
  });
}

/** Any other method: 405 with a JSON body and an Allow header; OPTIONS lists the methods answered. */
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethodsIn("radar", "POST");
