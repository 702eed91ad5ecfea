import { otherMethodsIn } from "@/lib/api/dialect";
import { respond } from "@/lib/api/respond";
import { parseWith, readJsonBody } from "@/lib/api/validate";
import { explainScore } from "@/lib/kb/explain";
import { explainRequestSchema } from "@/lib/api/contract";

/**
 * Which tokens of the query and of one entry drove their score under one pooling:
 * {score, method, methodNote, query: {tokens: [{text, contribution}]}, entry: {...}, timings}.
 */
export async function POST(request: Request) {
  return respond(async () => {
    const body = parseWith(explainRequestSchema, await readJsonBody(request));
    return explainScore(body, request.signal);
  });
}

/** Any other method: 405 with a JSON body and an Allow header; OPTIONS lists the methods answered. */
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethodsIn("radar", "POST");
