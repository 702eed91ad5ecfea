import { ndjsonResponse } from "@/lib/api/ndjson";
import { errorResponse } from "@/lib/api/respond";
import { parseWith, readJsonBody } from "@/lib/api/validate";
import { embedKb, prepareKb } from "@/lib/kb/build-kb";
import type { KbEvent } from "@/lib/kb/types";
import { kbRequestSchema } from "./schema";

/**
 * Embeds a knowledge base, streaming NDJSON progress: cleaned, loading, progress..., then done {kbId, count,
 * dims, truncated} or error. Bad input is refused with its HTTP status before the stream starts. When the
 * client goes away (Cancel in the radar) the request signal stops the embedding between batches.
 */
export async function POST(request: Request) {
  let prepared;
  try {
    prepared = prepareKb(parseWith(kbRequestSchema, await readJsonBody(request)));
  } catch (error) {
    return errorResponse(error);
  }
  return ndjsonResponse<KbEvent>(async (emit, signal) => {
    const { done } = await embedKb(prepared, { signal, emit });
    return done;
  }, request.signal);
}
