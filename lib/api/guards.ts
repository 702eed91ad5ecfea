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
