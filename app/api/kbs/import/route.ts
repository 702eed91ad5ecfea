import { exportFileSchema, MAX_IMPORT_BYTES } from "@/lib/api/contract";
import { otherMethodsIn } from "@/lib/api/dialect";
import { checkRequest } from "@/lib/api/guards";
import { respond } from "@/lib/api/respond";
import { parseWith, readJsonBody } from "@/lib/api/validate";
import { config } from "@/lib/config";
import { importKb } from "@/lib/kb/library";

/**
 * Imports an exported knowledge base without re-embedding it: the file's JSON -> its library entry. The proxy
 * does not run here (it would cut a body over 10 MB), so this route applies the proxy's rules itself.
 */
export async function POST(request: Request) {
  return respond(async () => {
    const url = new URL(request.url);
    const { method, headers } = request;
    const { allowedHosts, allowedOrigins } = config();
    checkRequest({ method, pathname: url.pathname, protocol: url.protocol, headers, host: headers.get("host") ?? url.host }, { hosts: allowedHosts, origins: allowedOrigins });
    return importKb(parseWith(exportFileSchema, await readJsonBody(request, MAX_IMPORT_BYTES)));
  });
}

/** Any other method: 405 with a JSON body and an Allow header; OPTIONS lists the methods answered. */
export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethodsIn("radar", "POST");
