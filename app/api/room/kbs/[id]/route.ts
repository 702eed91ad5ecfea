import { kbIdParamSchema, publishRequestSchema } from "@/lib/api/contract";
import { otherMethodsIn } from "@/lib/api/dialect";
import { requireTeacher } from "@/lib/api/keys";
import { respond } from "@/lib/api/respond";
import { parseWith, readJsonBody } from "@/lib/api/validate";
import { publishKb, removeKb } from "@/lib/kb/room";

type Context = { params: Promise<{ id: string }> };

/** With the teacher key: {published, name?} lists it for every participant (true) or takes it off (false). */
export async function PATCH(request: Request, { params }: Context) {
  return respond(async () => {
    requireTeacher(request.headers);
    const id = parseWith(kbIdParamSchema, (await params).id);
    const { published, name } = parseWith(publishRequestSchema, await readJsonBody(request));
    return publishKb(id, published, name);
  });
}

/** With the teacher key: deletes it from every library, entries and vectors too: {deleted: id}. */
export async function DELETE(request: Request, { params }: Context) {
  return respond(async () => {
    requireTeacher(request.headers);
    return removeKb(parseWith(kbIdParamSchema, (await params).id));
  });
}

/** Any other method: 405 with a JSON body and an Allow header; OPTIONS lists the methods answered. */
export const { GET, POST, PUT, OPTIONS } = otherMethodsIn("radar", "PATCH", "DELETE");
