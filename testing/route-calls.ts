/**
 * Calling route handlers in tests as Next.js calls them: a JSON POST request, and a knowledge base embedded
 * through the POST /api/kb handler it is given. Test-only.
 */
import { readNdjson } from "../lib/api/ndjson-read";
import type { KbEvent } from "../lib/api/contract";

/** A POST with a JSON body, as a route handler receives it. */
export function jsonPost(path: string, body: unknown): Request {
  return new Request(`http://localhost${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

/** Embeds `entries` through the given POST /api/kb handler, reading its stream to the end; the kbId it made. */
export async function embedThroughRoute(postKb: (request: Request) => Promise<Response>, entries: string[]): Promise<string> {
  for await (const event of readNdjson<KbEvent>((await postKb(jsonPost("/api/kb", { entries }))).body!)) if (event.type === "done") return event.kbId;
  throw new Error("POST /api/kb ended without a done event");
}
