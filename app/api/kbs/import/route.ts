import { exportFileSchema, MAX_IMPORT_BYTES } from "@/lib/api/contract";
import { otherMethodsIn } from "@/lib/api/dialect";
import { respond } from "@/lib/api/respond";
import { parseWith, readJsonBody } from "@/lib/api/validate";
import { importKb } from "@/lib/kb/library";

/** Imports an exported knowledge base without re-embedding it: the file's JSON -> its library entry. */
export async function POST(request: Request) {
  return respond(async () => importKb(parseWith(exportFileSchema, await readJsonBody(request, MAX_IMPORT_BYTES))));
}

/** Any other method: 405 with a JSON body and an Allow header; OPTIONS lists the methods answered. */
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethodsIn("radar", "POST");
