import { kbIdParamSchema, renameRequestSchema } from "@/lib/api/contract";
import { otherMethodsIn } from "@/lib/api/dialect";
import { respond } from "@/lib/api/respond";
import { parseWith, readJsonBody } from "@/lib/api/validate";
import { deleteKb, getKb, renameKb } from "@/lib/kb/library";

type Context = { params: Promise<{ id: string }> };

/** One saved knowledge base and its entries: {kb, entries}. */
export async function GET(_request: Request, { params }: Context) {
  return respond(async () => getKb(parseWith(kbIdParamSchema, (await params).id)));
}

/** Renames a saved knowledge base: {name} -> its library entry. */
export async function PATCH(request: Request, { params }: Context) {
  return respond(async () => {
    const id = parseWith(kbIdParamSchema, (await params).id);
    const { name } = parseWith(renameRequestSchema, await readJsonBody(request));
    return renameKb(id, name);
  });
}

/** Deletes a saved knowledge base and its vectors: {deleted: id}. */
export async function DELETE(_request: Request, { params }: Context) {
  return respond(async () => deleteKb(parseWith(kbIdParamSchema, (await params).id)));
}

/** Any other method: 405 with a JSON body and an Allow header; OPTIONS lists the methods answered. */
export const { POST, PUT, OPTIONS } = otherMethodsIn("radar", "GET", "PATCH", "DELETE");
