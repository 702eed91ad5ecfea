import { otherMethodsIn } from "@/lib/api/dialect";
import { respond } from "@/lib/api/respond";
import { listKbs } from "@/lib/kb/library";

// The library changes with every embedding: never prerender or cache this answer.
export const dynamic = "force-dynamic";

/** The saved knowledge bases, newest first: {kbs: [{id, name, model, count, dims, poolings, created, approximate}], store}. */
export async function GET() {
  return respond(listKbs);
}

/** Any other method: 405 with a JSON body and an Allow header; OPTIONS lists the methods answered. */
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethodsIn("radar", "GET");
