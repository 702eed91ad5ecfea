import { otherMethodsIn } from "@/lib/api/dialect";
// GET  /api/lab/layers?model=&dataset=&pairs= -> {result: LayerSweep | null}   (never starts work)
// POST /api/lab/layers {model, dataset?, pairs?} -> NDJSON: {type:"progress", done, total}..., {type:"done", result}
import { ndjsonResponse } from "@/lib/api/ndjson";
import { errorResponse, respond } from "@/lib/api/respond";
import { parseWith, readJsonBody } from "@/lib/api/validate";
import { cachedLabLayers, labLayers } from "@/lib/lab/layers-service";
import { layersRequestSchema, type LabLayersEvent } from "@/lib/api/contract";

export async function GET(request: Request): Promise<Response> {
  return respond(async () => {
    const body = parseWith(layersRequestSchema, Object.fromEntries(new URL(request.url).searchParams));
    return { result: cachedLabLayers(body.model, body) ?? null };
  });
}

export async function POST(request: Request): Promise<Response> {
  try {
    const body = parseWith(layersRequestSchema, await readJsonBody(request));
    // An unknown model fails here, with its 404, before the stream's 200 is sent.
    cachedLabLayers(body.model, body);
    return ndjsonResponse<LabLayersEvent>(async (emit, signal) => {
      const result = await labLayers(body.model, { ...body, signal, onProgress: (done, total) => emit({ type: "progress", done, total }) });
      return { type: "done", result };
    }, request.signal);
  } catch (error) {
    return errorResponse(error);
  }
}

/** Any other method: 405 with a JSON body and an Allow header; OPTIONS lists the methods answered. */
export const { PUT, PATCH, DELETE, OPTIONS } = otherMethodsIn("radar", "GET", "POST");
