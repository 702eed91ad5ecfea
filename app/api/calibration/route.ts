import type { NextRequest } from "next/server";
import { otherMethodsIn } from "@/lib/api/dialect";
import { respond } from "@/lib/api/respond";
import { parseWith } from "@/lib/api/validate";
import { calibrationQuerySchema } from "@/lib/api/contract";
import { defaultModelId, loadEngine } from "@/lib/engine";
import { calibrationOf, calibrationProgress, readCachedCalibration } from "@/lib/eval/calibration";

// The first call per model computes (tens of seconds); later ones read what was kept (the database, or the disk).
export const dynamic = "force-dynamic";

/**
 * Per pooling: random-pair percentiles, their 101 quantiles, and the suggested threshold with its F1.
 * `?progress=1` never waits: while the numbers are computed it answers {computing: true, done, total}.
 */
export async function GET(request: NextRequest) {
  return respond(async () => {
    const query = parseWith(calibrationQuerySchema, Object.fromEntries(request.nextUrl.searchParams));
    const started = performance.now();
    const engine = await loadEngine(query.model ?? defaultModelId());
    const { id } = engine.info.model;
    // No abort signal: the computation is shared by every caller and cached, so one leaving does not stop it.
    const computing = calibrationOf(engine);
    if (query.progress && !(await readCachedCalibration(id, engine.info.graph))) {
      computing.catch(() => undefined); // its failure reaches whoever waits for the result
      return { model: id, computing: true, ...(calibrationProgress(id, engine.info.graph) ?? { done: 0, total: 0 }) };
    }
    const { calibration, cached } = await computing;
    return { ...calibration, cached, timings: { totalMs: performance.now() - started } };
  });
}

/** Any other method: 405 with a JSON body and an Allow header; OPTIONS lists the methods answered. */
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethodsIn("radar", "GET");
