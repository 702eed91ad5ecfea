import { otherMethodsIn } from "@/lib/api/dialect";
import { openAiRespond } from "@/lib/api/openai/errors";
import type { ModelsResponse } from "@/lib/api/openai/schemas";
import { listModels } from "@/lib/engine";

// The models folder can be rescanned while the server runs: never prerender this answer.
export const dynamic = "force-dynamic";

/** OpenAI's model list: the installed models, by folder name (what `model` takes). */
export async function GET() {
  return openAiRespond(async (): Promise<ModelsResponse> => ({
    object: "list",
    data: listModels().map((model) => ({ id: model.id, object: "model", created: 0, owned_by: "semantic-radar" })),
  }));
}

/** Any other method: 405 in OpenAI's error shape, with an Allow header; OPTIONS lists the methods answered. */
export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethodsIn("openai", "GET");
