import { kbIdParamSchema } from "@/lib/api/contract";
import { otherMethodsIn } from "@/lib/api/dialect";
import { errorResponse } from "@/lib/api/respond";
import { parseWith } from "@/lib/api/validate";
import { exportKb } from "@/lib/kb/library";

/** Downloads a saved knowledge base with its vectors as one JSON file (the format: lib/api/contract/library.ts). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  try {
    const file = await exportKb(parseWith(kbIdParamSchema, (await params).id));
    const filename = `${file.manifest.kbId}.radar-kb.json`;
    return new Response(JSON.stringify(file), {
      headers: { "content-type": "application/json", "content-disposition": `attachment; filename="${filename}"`, "cache-control": "no-store" },
    });
  } catch (error) {
    return errorResponse(error);
  }
}

/** Any other method: 405 with a JSON body and an Allow header; OPTIONS lists the methods answered. */
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethodsIn("radar", "GET");
