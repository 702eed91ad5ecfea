import { otherMethodsIn } from "@/lib/api/dialect";
// POST /api/lab {model, graph?, lang? | scenarios?} -> LabReport: the article's table for one model, every pooling.
import { respond } from "@/lib/api/respond";
import { parseWith, readJsonBody } from "@/lib/api/validate";
import { runLabOnModel } from "@/lib/lab/service";
import { labRequestSchema } from "@/lib/api/contract";

export async function POST(request: Request): Promise<Response> {
  return respond(async () => {
    const body = parseWith(labRequestSchema, await readJsonBody(request));
    const started = performance.now();
    const report = await runLabOnModel(body.model, { ...body, signal: request.signal });
    return { ...report, timings: { loadMs: report.loadMs, embedMs: report.run.embedMs, totalMs: performance.now() - started } };
  });
}

/** Any other method: 405 with a JSON body and an Allow header; OPTIONS lists the methods answered. */
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethodsIn("radar", "POST");
