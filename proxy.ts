import { NextResponse, type NextRequest } from "next/server";
import { checkContentType, checkHost, checkOrigin } from "@/lib/api/guards";
import { dialectOf, errorResponseIn } from "@/lib/api/dialect";
import { securityHeaders } from "@/lib/api/security-headers";
import { config as serverConfig } from "@/lib/config";

// Methods that change state: these must come from the server's own origin, with a JSON body if any.
const STATE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * The HTTP rules before any route runs (lib/api/guards.ts says why each): a known Host on every request; for
 * state-changing requests (every API route, whatever its path: /api, /v1, TEI's), a JSON body if it has one (415) and no foreign Origin (403). Refusals are JSON like every API error.
 */
export function proxy(request: NextRequest) {
  try {
    checkHost(request.headers.get("host"), serverConfig().allowedHosts);
    if (STATE_METHODS.has(request.method)) {
      // A request without a body (a DELETE, a wrong method) has no type to check; the route answers it.
      const hasBody = request.headers.has("transfer-encoding") || Number(request.headers.get("content-length") ?? 0) > 0;
      if (hasBody) checkContentType(request.headers.get("content-type"));
      const own = `${request.nextUrl.protocol}//${request.headers.get("host")}`;
      checkOrigin(request.headers.get("origin"), own, serverConfig().allowedOrigins);
    }
  } catch (error) {
    // In the shape the path's clients read: OpenAI's under /v1, TEI's on TEI's routes, ours elsewhere.
    const response = errorResponseIn(dialectOf(request.nextUrl.pathname), error);
    for (const [name, value] of Object.entries(securityHeaders())) response.headers.set(name, value);
    return response;
  }
  return NextResponse.next();
}

export const config = {
  // Static assets carry no state to protect; everything else passes the rules.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"],
};
