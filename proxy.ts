import { NextResponse, type NextRequest } from "next/server";
import { checkRequest } from "@/lib/api/guards";
import { dialectOf, errorResponseIn } from "@/lib/api/dialect";
import { securityHeaders } from "@/lib/api/security-headers";
import { checkApiKey, cookieIn, newOwnerKey, OWNER_COOKIE, OWNER_MARK_COOKIE, ownerCookies, ownerKeyIn } from "@/lib/api/keys";
import { config as serverConfig } from "@/lib/config";

/**
 * The HTTP rules before any route runs (lib/api/guards.ts says why each): a known Host on every request; on API
 * paths and for state-changing requests, no foreign Origin or cross-site fetch (403); a JSON body on a
 * state-changing request that has one (415); the API key on the OpenAI and TEI routes when one is set (401).
 * Refusals are JSON like every API error. A browser without an owner key gets one here, on its first answer
 * (the page, before any API call could race to make a second); the route sees it as if the browser had sent it.
 */
export function proxy(request: NextRequest) {
  try {
    const { method, headers, nextUrl } = request;
    const { allowedHosts, allowedOrigins } = serverConfig();
    checkRequest({ method, pathname: nextUrl.pathname, protocol: nextUrl.protocol, headers, host: headers.get("host") }, { hosts: allowedHosts, origins: allowedOrigins });
    if (dialectOf(nextUrl.pathname) !== "radar") checkApiKey(headers);
  } catch (error) {
    // In the shape the path's clients read: OpenAI's under /v1, TEI's on TEI's routes, ours elsewhere.
    const response = errorResponseIn(dialectOf(request.nextUrl.pathname), error);
    for (const [name, value] of Object.entries(securityHeaders())) response.headers.set(name, value);
    return response;
  }
  return withOwnerKey(request);
}

/** Lets the request through, giving a browser that has no owner key a fresh one (lib/api/keys.ts). */
function withOwnerKey(request: NextRequest): NextResponse {
  const { headers, nextUrl } = request;
  // The OpenAI and TEI routes keep no library. A link from another site comes without the Strict cookie: when the
  // Lax mark says the browser has a key, it must not be replaced.
  const fromElsewhere = ["cross-site", "same-site"].includes(headers.get("sec-fetch-site") ?? "") && cookieIn(headers.get("cookie"), OWNER_MARK_COOKIE);
  if (ownerKeyIn(headers) || dialectOf(nextUrl.pathname) !== "radar" || fromElsewhere) return NextResponse.next();
  const key = newOwnerKey();
  const forwarded = new Headers(headers);
  const others = (headers.get("cookie") ?? "").split(";").filter((part) => part.trim() && !part.trim().startsWith(`${OWNER_COOKIE}=`));
  forwarded.set("cookie", [...others.map((part) => part.trim()), `${OWNER_COOKIE}=${key}`].join("; "));
  const response = NextResponse.next({ request: { headers: forwarded } });
  for (const cookie of ownerCookies(key, nextUrl.protocol === "https:")) response.headers.append("set-cookie", cookie);
  return response;
}

export const config = {
  // Static assets carry no state to protect. The import and POST /api/kb are left out because the proxy buffers
  // every body it sees, and only its first `proxyClientMaxBodySize` bytes (next.config.ts) reach the route: an
  // export of up to MAX_IMPORT_BYTES, or a document of up to MAX_KB_BODY_BYTES, would arrive cut. Their routes
  // apply the same rules themselves (lib/api/outside-proxy.ts).
  matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg|api/kbs/import(?:/|$)|api/kb(?:/|$)).*)"],
};
