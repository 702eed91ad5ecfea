import { otherMethodsIn } from "@/lib/api/dialect";
import { requireTeacher } from "@/lib/api/keys";
import { respond } from "@/lib/api/respond";
import { roomKbs } from "@/lib/kb/room";

// Participants save and delete all the time: never prerender or cache this answer.
export const dynamic = "force-dynamic";

/**
 * With the teacher key (x-teacher-key): every knowledge base on the server, newest first, with how many
 * libraries hold it and whether it is published: {kbs: [{id, name, ..., published, libraries}], store}.
 */
export async function GET(request: Request) {
  return respond(async () => {
    requireTeacher(request.headers);
    return roomKbs();
  });
}

/** Any other method: 405 with a JSON body and an Allow header; OPTIONS lists the methods answered. */
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethodsIn("radar", "GET");
