import { otherMethodsIn } from "@/lib/api/dialect";
import { characters, modelOf, teiRespond } from "@/lib/api/tei/respond";
import { teiTokenizeSchema } from "@/lib/api/tei/schemas";
import { parseWith, readJsonBody } from "@/lib/api/validate";
import { tokenizeTexts } from "@/lib/serve/tokenize-texts";

/**
 * TEI's /tokenize: {inputs, add_special_tokens?, prompt_name?} -> [[{id, text, special, start, stop}]]. Offsets
 * are UTF-16 code units into prompt + input (TEI counts UTF-8 bytes; the two agree on ASCII text).
 */
export async function POST(request: Request) {
  return teiRespond(async () => {
    const body = parseWith(teiTokenizeSchema, await readJsonBody(request));
    const result = await tokenizeTexts({ model: modelOf(request, body.model), texts: body.inputs, kind: body.prompt_name ?? undefined, addSpecialTokens: body.add_special_tokens });
    const tokens = result.tokens.reduce((sum, list) => sum + list.length, 0);
    return { body: result.tokens, timings: result.timings, tokens, characters: characters(body.inputs) };
  });
}

/** Any other method: 405 in TEI's error shape, with an Allow header; OPTIONS lists the methods answered. */
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethodsIn("tei", "POST");
