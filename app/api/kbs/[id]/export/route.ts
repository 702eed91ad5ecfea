import { kbIdParamSchema } from "@/lib/api/contract";
import { otherMethodsIn } from "@/lib/api/dialect";
import { answerAsOwner } from "@/lib/api/keys";
import { errorResponse } from "@/lib/api/respond";
import { parseWith } from "@/lib/api/validate";
import { checkCanExport, exportKb } from "@/lib/kb/library";

/**
 * Downloads a knowledge base of the asking browser's library (or one the teacher published) with its vectors as
 * one JSON file (the format: lib/api/contract/library.ts); anything else answers 404.
 */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return answerAsOwner(request, async (owner) => {
    try {
      const id = parseWith(kbIdParamSchema, (await params).id);
      await checkCanExport(owner, id);
      const file = await exportKb(id);
      const filename = `${file.manifest.kbId}.radar-kb.json`;
      return new Response(JSON.stringify(file), {
        headers: { "content-type": "application/json", "content-disposition": `attachment; filename="${filename}"`, "cache-control": "no-store" },
      });
    } catch (error) {
      return errorResponse(error);
    }
  });
}

/** Any other method: 405 with a JSON body and an Allow header; OPTIONS lists the methods answered. */
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethodsIn("radar", "GET");
