import { NextResponse, type NextRequest } from "next/server";
import { checkRequest } from "@/lib/api/guards";
import { dialectOf, errorResponseIn } from "@/lib/api/dialect";
import { securityHeaders } from "@/lib/api/security-headers";
import { config as serverConfig } from "@/lib/config";

/**
 * The HTTP rules before any route runs (lib/api/guards.ts says why each): a known Host on every request; on API
 * paths and for state-changing requests, no foreign Origin or cross-site fetch (403); a JSON body on a
 * state-changing request that has one (415). Refusals are JSON like every API error.
 */
export function proxy(request: NextRequest) {
  try {
    const { method, headers, nextUrl } = request;
    const { allowedHosts, allowedOrigins } = serverConfig();
    checkRequest({ method, pathname: nextUrl.pathname, protocol: nextUrl.protocol, headers, host: headers.get("host") }, { hosts: allowedHosts, origins: allowedOrigins });
  } catch (error) {
    // In the shape the path's clients read: OpenAI's under /v1, TEI's on TEI's routes, ours elsewhere.
    const response = errorResponseIn(dialectOf(request.nextUrl.pathname), error);
    for (const [name, value] of Object.entries(securityHeaders())) response.headers.set(name, value);
    return response;
  }
  return NextResponse.next();
}

export const config = {
  // Static assets carry no state to protect. The import and POST /api/kb are left out because the proxy buffers
  // every body it sees, and only its first `proxyClientMaxBodySize` bytes (next.config.ts) reach the route: an
  // export of up to MAX_IMPORT_BYTES, or a document of up to MAX_KB_BODY_BYTES, would arrive cut. Their routes
  // apply the same rules themselves (lib/api/outside-proxy.ts).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|api/kbs/import(?:/|$)|api/kb(?:/|$)).*)"],
};
