import type { NextRequest } from "next/server";
import { otherMethodsIn } from "@/lib/api/dialect";
import { MAX_CLIENT_BATCH_SIZE } from "@/lib/api/contract/limits";
import { modelOf, teiRespond } from "@/lib/api/tei/respond";
import { teiInfoQuerySchema, type TeiInfo } from "@/lib/api/tei/schemas";
import { parseWith } from "@/lib/api/validate";
import { admission, BATCH_LIMITS, loadEngine } from "@/lib/engine";
import { requireModel } from "@/lib/serve/embed-texts";
import packageJson from "@/package.json";

export const dynamic = "force-dynamic";

const DTYPES = { fp32: "float32", fp16: "float16", int8: "int8" } as const;

/** TEI's /info for the model named by ?model= or the x-model header (default: the default model); loads it. */
export async function GET(request: NextRequest) {
  return teiRespond(async () => {
    const query = parseWith(teiInfoQuerySchema, Object.fromEntries(request.nextUrl.searchParams));
    const { info } = await loadEngine(requireModel(modelOf(request, query.model)).id);
    const body: TeiInfo = {
      model_id: info.model.id,
      model_sha: null,
      model_dtype: DTYPES[info.graph],
      served_model_name: info.model.id,
      model_type: { embedding: { pooling: info.model.nativePooling } },
      max_concurrent_requests: admission().maxPending,
      max_input_length: info.model.maxTokens,
      max_batch_tokens: BATCH_LIMITS[info.device].tokenBudget,
      max_batch_requests: null,
      max_client_batch_size: MAX_CLIENT_BATCH_SIZE,
      auto_truncate: true,
      tokenization_workers: 1,
      version: packageJson.version,
      sha: null,
      docker_label: null,
    };
    return { body, timings: { tokenizeMs: 0, queueMs: 0, inferenceMs: 0 }, tokens: 0, characters: 0 };
  });
}

/** Any other method: 405 in TEI's error shape, with an Allow header; OPTIONS lists the methods answered. */
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethodsIn("tei", "GET");
