import type { NextRequest } from "next/server";
import { respond } from "@/lib/api/respond";
import { parseWith } from "@/lib/api/validate";
import { radarStatus } from "@/lib/kb/engine-status";
import { statusQuerySchema } from "./schema";

// Engine state changes while the server runs: never prerender or cache this answer.
export const dynamic = "force-dynamic";

/** Engine state, device and installed models; asking also starts loading the model (the sidebar's "loading model..."). */
export async function GET(request: NextRequest) {
  return respond(async () => {
    const query = parseWith(statusQuerySchema, Object.fromEntries(request.nextUrl.searchParams));
    return radarStatus({ warm: query.model, retry: query.retry !== undefined });
  });
}
