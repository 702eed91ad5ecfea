import { kbIdParamSchema, renameRequestSchema } from "@/lib/api/contract";
import { otherMethodsIn } from "@/lib/api/dialect";
import { answerAsOwner } from "@/lib/api/keys";
import { respond } from "@/lib/api/respond";
import { parseWith, readJsonBody } from "@/lib/api/validate";
import { deleteKb, getKb, renameKb } from "@/lib/kb/library";

type Context = { params: Promise<{ id: string }> };

/** One knowledge base and its entries, for anyone with its id (a share link is read-only): {kb, entries}. */
export async function GET(request: Request, { params }: Context) {
  return answerAsOwner(request, (owner) => respond(async () => getKb(owner, parseWith(kbIdParamSchema, (await params).id))));
}

/**
 * Saves a knowledge base into the asking browser's library under a name, or renames it there: {name} -> its
 * library entry. Only one this browser embedded or searched, or one the teacher published; else 404.
 */
export async function PATCH(request: Request, { params }: Context) {
  return answerAsOwner(request, (owner) =>
    respond(async () => {
      const id = parseWith(kbIdParamSchema, (await params).id);
      const { name } = parseWith(renameRequestSchema, await readJsonBody(request));
      return renameKb(owner, id, name);
    }),
  );
}

/** Takes it out of the asking browser's library (its vectors go when no library holds it): {deleted: id}; else 404. */
export async function DELETE(request: Request, { params }: Context) {
  return answerAsOwner(request, (owner) => respond(async () => deleteKb(owner, parseWith(kbIdParamSchema, (await params).id))));
}

/** Any other method: 405 with a JSON body and an Allow header; OPTIONS lists the methods answered. */
export const { POST, PUT, OPTIONS } = otherMethodsIn("radar", "GET", "PATCH", "DELETE");
