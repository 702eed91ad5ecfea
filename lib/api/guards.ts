/**
 * HTTP rules every request passes before a route sees it (proxy.ts applies them; readJsonBody repeats the
 * content-type rule so a route can never be reached without it). Pure functions of the request's headers.
 *
 * Why these three: a web page the user visits can send "simple" cross-site POSTs (text/plain, form bodies)
 * without a CORS preflight, so requiring application/json alone stops cross-site requests; the Origin check
 * refuses the rest; the Host check stops DNS rebinding (a hostile name resolving to 127.0.0.1).
 */
import { AppError } from "../errors";

/** POST bodies must be JSON; anything else is 415. */
export function checkContentType(contentType: string | null): void {
  const type = contentType?.split(";")[0].trim().toLowerCase();
  if (type !== "application/json") {
    throw new AppError("unsupported_media_type", `Expected a request body of type application/json, got ${type ? `"${type.slice(0, 100)}"` : "no content-type"}.`);
  }
}

/**
 * A state-changing request whose Origin is present and foreign gets 403. No Origin (curl, SDKs) is fine.
 * `allowed`: origins besides the server's own (SEMANTIC_RADAR_ALLOWED_ORIGINS, read by lib/config.ts).
 */
export function checkOrigin(origin: string | null, ownOrigin: string, allowed: readonly string[]): void {
  if (origin === null || origin === ownOrigin || allowed.includes(origin)) return;
  throw new AppError("forbidden", `Cross-site request refused: expected Origin ${ownOrigin}${allowed.length ? ` or one of ${allowed.join(", ")}` : ""}, got ${origin.slice(0, 200)}. Set SEMANTIC_RADAR_ALLOWED_ORIGINS to allow another site.`);
}

/**
 * A request a browser marks as coming from another site (Sec-Fetch-Site) without an Origin to judge gets 403:
 * an <img> or <link> on a foreign page sends no Origin, yet its GET would start work here (a model load, a
 * calibration run). The app's own pages send "same-origin", an address typed in the bar "none", curl nothing.
 */
export function checkFetchSite(fetchSite: string | null, origin: string | null): void {
  if (origin !== null || (fetchSite !== "cross-site" && fetchSite !== "same-site")) return;
  throw new AppError("forbidden", `Cross-site request refused: expected a request from this server's own pages (Sec-Fetch-Site: same-origin), got Sec-Fetch-Site: ${fetchSite} without an Origin.`);
}

/** Paths that answer data or start work (ours, OpenAI's, TEI's): each request there passes the origin rules. */
export function isApiPath(pathname: string): boolean {
  return pathname.startsWith("/api/") || pathname === "/v1" || pathname.startsWith("/v1/") || TEI_PATHS.includes(pathname.replace(/\/+$/, ""));
}

const TEI_PATHS = ["/embed", "/similarity", "/rerank", "/tokenize", "/info"];

/** Methods that change state: a body, if any, must be JSON. */
const STATE_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

export interface GuardedRequest {
  method: string;
  pathname: string;
  /** "http:" or "https:". */
  protocol: string;
  headers: Headers;
  /** The Host header, or where a caller built the request without one (a test), its URL's host. */
  host: string | null;
}

/**
 * Every HTTP rule before a route runs: a known Host on every request; on API paths, no foreign Origin and no
 * cross-site fetch (403) whatever the method (GETs start work too: GET /api/calibration computes for minutes);
 * a JSON body on a state-changing request that has one (415). proxy.ts applies it to every request; a route the
 * proxy does not run on (the import, whose body is over the proxy's buffer) calls it itself. `allowed`:
 * SEMANTIC_RADAR_ALLOWED_HOSTS and _ORIGINS, read by lib/config.ts.
 */
export function checkRequest(request: GuardedRequest, allowed: { hosts: readonly string[]; origins: readonly string[] }): void {
  const { headers, host } = request;
  checkHost(host, allowed.hosts);
  if (STATE_METHODS.has(request.method)) {
    // A request without a body (a DELETE, a wrong method) has no type to check; the route answers it.
    const hasBody = headers.has("transfer-encoding") || Number(headers.get("content-length") ?? 0) > 0;
    if (hasBody) checkContentType(headers.get("content-type"));
  }
  if (STATE_METHODS.has(request.method) || isApiPath(request.pathname)) {
    const origin = headers.get("origin");
    checkOrigin(origin, `${request.protocol}//${host}`, allowed.origins);
    checkFetchSite(headers.get("sec-fetch-site"), origin);
  }
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * The Host header must name this server: localhost, an IP address (how a LAN reaches it), or a configured name
 * (`allowed`: SEMANTIC_RADAR_ALLOWED_HOSTS, read by lib/config.ts).
 * A DNS-rebinding page arrives under its own domain name, which is refused.
 */
export function checkHost(hostHeader: string | null, allowed: readonly string[]): void {
  const host = hostName(hostHeader ?? "");
  if (host === "localhost" || host.endsWith(".localhost") || IPV4.test(host) || host.startsWith("[") || allowed.includes(host)) return;
  throw new AppError("forbidden", `Unknown host ${JSON.stringify((hostHeader ?? "").slice(0, 100))}: expected localhost or an IP address. Set SEMANTIC_RADAR_ALLOWED_HOSTS to serve under a name.`);
}

/** "Example.com:3000" -> "example.com"; "[::1]:3000" -> "[::1]". */
function hostName(header: string): string {
  const value = header.trim().toLowerCase();
  if (value.startsWith("[")) return value.slice(0, value.indexOf("]") + 1);
  return value.split(":")[0];
}
