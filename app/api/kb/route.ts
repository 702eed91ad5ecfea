import { otherMethodsIn } from "@/lib/api/dialect";
import { kbRequestSchema, MAX_KB_BODY_BYTES, type KbEvent } from "@/lib/api/contract";
import { answerAsOwner } from "@/lib/api/keys";
import { ndjsonResponse } from "@/lib/api/ndjson";
import { checkOutsideProxy } from "@/lib/api/outside-proxy";
import { errorResponse } from "@/lib/api/respond";
import { parseWith, readJsonBody } from "@/lib/api/validate";
import { openKbJob } from "@/lib/kb/build-kb";

/**
 * Embeds a knowledge base (entries, or a document to chunk), streaming NDJSON progress: chunked (a document),
 * cleaned, progress..., then done {kbId, count, dims, truncated, chunks?} or error. Everything knowable before
 * the stream starts (bad input, a document that cannot be read, unknown or broken model, a full server) is
 * answered with its own HTTP status. When the client goes away (Cancel in the radar) the request signal stops
 * the embedding between batches. The knowledge base is held in the browser's library, unlisted until it is
 * given a name (PATCH /api/kbs/<id>).
 */
export async function POST(request: Request) {
  return answerAsOwner(request, async (owner) => {
    let job;
    try {
      // Outside the proxy (a document's body is over its buffer): its rules apply here.
      checkOutsideProxy(request);
      job = await openKbJob(parseWith(kbRequestSchema, await readJsonBody(request, MAX_KB_BODY_BYTES)), owner);
    } catch (error) {
      return errorResponse(error);
    }
    return ndjsonResponse<KbEvent>(async (emit, signal) => (await job.run({ signal, emit })).done, request.signal);
  });
}

/** Any other method: 405 with a JSON body and an Allow header; OPTIONS lists the methods answered. */
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethodsIn("radar", "POST");
