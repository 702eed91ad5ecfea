import { otherMethodsIn } from "@/lib/api/dialect";
import type { NextRequest } from "next/server";
import { respond } from "@/lib/api/respond";
import { parseWith } from "@/lib/api/validate";
import { engineStatus, servingStatus } from "@/lib/engine/status";
import { statusQuerySchema, type StatusResponse } from "@/lib/api/contract";
import { storeHealth } from "@/lib/store/shared-store";

// Engine state changes while the server runs: never prerender or cache this answer.
export const dynamic = "force-dynamic";

/**
 * Engine state, device and installed models, and the store's health; asking also starts loading the model (the
 * sidebar's "loading model...") and opening the store.
 */
export async function GET(request: NextRequest) {
  return respond(async (): Promise<StatusResponse> => {
    const query = parseWith(statusQuerySchema, Object.fromEntries(request.nextUrl.searchParams));
    const started = performance.now();
    const serving = servingStatus({ resetEventLoop: query.resetEventLoop !== undefined });
    const report = engineStatus({ warm: query.model, retry: query.retry !== undefined, rescan: query.rescan !== undefined });
    return { ...report, serving, store: storeHealth(), timings: { totalMs: performance.now() - started } };
  });
}

/** Any other method: 405 with a JSON body and an Allow header; OPTIONS lists the methods answered. */
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethodsIn("radar", "GET");
