/**
 * The proxy's rules (guards.ts) for a route the proxy does not run on. The proxy buffers every body it sees and
 * passes on only its first `proxyClientMaxBodySize` bytes (next.config.ts), so a route that takes a bigger body
 * (an import up to 128 MB, a document up to 20 MB as base64) is left out of its matcher (proxy.ts) and calls this
 * first instead.
 */
import { config } from "../config";
import { checkRequest } from "./guards";

export function checkOutsideProxy(request: Request): void {
  const url = new URL(request.url);
  const { method, headers } = request;
  const { allowedHosts, allowedOrigins } = config();
  checkRequest({ method, pathname: url.pathname, protocol: url.protocol, headers, host: headers.get("host") ?? url.host }, { hosts: allowedHosts, origins: allowedOrigins });
}
