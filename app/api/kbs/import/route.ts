import { exportFileSchema, MAX_IMPORT_BYTES, type ExportFile } from "@/lib/api/contract";
import { otherMethodsIn } from "@/lib/api/dialect";
import { damagedExportMessage, exportFileProblem, notAnExportMessage } from "@/lib/api/export-file-check";
import { checkOutsideProxy } from "@/lib/api/outside-proxy";
import { answerAsOwner } from "@/lib/api/keys";
import { respond } from "@/lib/api/respond";
import { readJsonBody } from "@/lib/api/validate";
import { AppError, isAppError } from "@/lib/errors";
import { importKb } from "@/lib/kb/library";

/**
 * Imports an exported knowledge base into the asking browser's library without re-embedding it: the file's
 * JSON -> its library entry. The proxy
 * does not run here (it would cut a body over 10 MB), so this route applies the proxy's rules itself.
 */
export async function POST(request: Request) {
  return answerAsOwner(request, (owner) =>
    respond(async () => {
      checkOutsideProxy(request);
      return importKb(await readExport(request), owner);
    }),
  );
}

/** The body as an export file; what is wrong with it said in plain words (never a schema path). */
async function readExport(request: Request): Promise<ExportFile> {
  const body = await readJsonBody(request, MAX_IMPORT_BYTES).catch((error: unknown) => {
    if (isAppError(error) && error.code === "invalid_input") throw new AppError("invalid_input", notAnExportMessage({ kind: "not-json" }));
    throw error;
  });
  const problem = exportFileProblem(body);
  if (problem) throw new AppError("invalid_input", notAnExportMessage(problem));
  const parsed = exportFileSchema.safeParse(body);
  if (!parsed.success) throw new AppError("invalid_input", damagedExportMessage(parsed.error.issues));
  return parsed.data;
}

/** Any other method: 405 with a JSON body and an Allow header; OPTIONS lists the methods answered. */
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethodsIn("radar", "POST");
