import { otherMethodsIn } from "@/lib/api/dialect";
// GET  /api/lab/sts?model=&graph=&dataset= -> {result: LabSts | null}   (never starts work)
// POST /api/lab/sts {model, graph?, dataset?} -> NDJSON: {type:"progress", done, total}..., {type:"done", result}
import { ndjsonResponse } from "@/lib/api/ndjson";
import { errorResponse, respond } from "@/lib/api/respond";
import { parseWith, readJsonBody } from "@/lib/api/validate";
import { cachedLabSts, labSts } from "@/lib/lab/sts";
import type { LabStsEvent } from "@/lib/lab/sts-types";
import { stsRequestSchema } from "@/lib/api/contract";

export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const query = Object.fromEntries(new URL(request.url).searchParams);
    const body = parseWith(stsRequestSchema, query);
    return { result: cachedLabSts(body.model, body) ?? null };
  });
}

export async function POST(request: Request): Promise<Response> {
  try {
    const body = parseWith(stsRequestSchema, await readJsonBody(request));
    // An unknown model fails here, with its 404, before the stream's 200 is sent.
    cachedLabSts(body.model, body);
    return ndjsonResponse<LabStsEvent>(async (emit, signal) => {
      const result = await labSts(body.model, {
        ...body,
        signal,
        onProgress: (done, total) => emit({ type: "progress", done, total }),
      });
      return { type: "done", result };
    }, request.signal);
  } catch (error) {
    return errorResponse(error);
  }
}

/** Any other method: 405 with a JSON body and an Allow header; OPTIONS lists the methods answered. */
export const { PUT, PATCH, DELETE, OPTIONS } = otherMethodsIn("radar", "GET", "POST");
