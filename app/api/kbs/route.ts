import { otherMethodsIn } from "@/lib/api/dialect";
import { answerAsOwner } from "@/lib/api/keys";
import { respond } from "@/lib/api/respond";
import { listKbs } from "@/lib/kb/library";

// The library changes with every save: never prerender or cache this answer.
export const dynamic = "force-dynamic";

/**
 * The asking browser's library, most recently saved first, with what the teacher published:
 * {kbs: [{id, name, model, count, dims, poolings, created, approximate, mine, published}], store}.
 */
export async function GET(request: Request) {
  return answerAsOwner(request, (owner) => respond(() => listKbs(owner)));
}

/** Any other method: 405 with a JSON body and an Allow header; OPTIONS lists the methods answered. */
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethodsIn("radar", "GET");
