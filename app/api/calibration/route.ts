import type { NextRequest } from "next/server";
import { otherMethods, respond } from "@/lib/api/respond";
import { parseWith } from "@/lib/api/validate";
import { calibrationQuerySchema } from "@/lib/api/contract";
import { defaultModelId, loadEngine } from "@/lib/engine";
import { calibrationOf } from "@/lib/eval/calibration";

// The first call per model computes (tens of seconds); later ones read the disk cache.
export const dynamic = "force-dynamic";

/** Per pooling: random-pair percentiles, their 101 quantiles, and the suggested threshold with its F1. */
export async function GET(request: NextRequest) {
  return respond(async () => {
    const query = parseWith(calibrationQuerySchema, Object.fromEntries(request.nextUrl.searchParams));
    const started = performance.now();
    const engine = await loadEngine(query.model ?? defaultModelId());
    // No abort signal: the computation is shared by every caller and cached, so one leaving does not stop it.
    const { calibration, cached } = await calibrationOf(engine);
    return { ...calibration, cached, timings: { totalMs: performance.now() - started } };
  });
}

/** Any other method: 405 with a JSON body and an Allow header. */
export const { POST, PUT, PATCH, DELETE } = otherMethods("GET");
