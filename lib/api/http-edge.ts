/**
 * Answers made before Next.js sees a request, for the requests it cannot answer well itself: a method outside
 * the ones route handlers take (TRACE: Next.js fails building its Request and answers 500 text/plain), a path
 * that is not percent-encoded UTF-8 (%ff: a 500 from its router), and a request Node's parser refuses (headers
 * over 16 KB: a bare 431). Each gets JSON in the path's dialect and the security headers, as every other answer.
 * scripts/serve.ts calls these; they are pure functions of the request line.
 */
import { STATUS_CODES } from "node:http";
import { AppError } from "../errors";
import { dialectOf, errorResponseIn } from "./dialect";
import { methodsAnsweredAt } from "./route-methods";
import { securityHeaders } from "./security-headers";

/** What Next.js route handlers answer (HEAD through GET). */
const ROUTED_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** The answer to a request Next.js cannot route, or undefined to hand it on. */
export function answerBeforeRouting(method: string, url: string): Response | undefined {
  const rawPath = url.split("?")[0] || "/";
  let pathname: string;
  try {
    pathname = decodeURIComponent(rawPath);
  } catch {
    const shown = JSON.stringify(rawPath.slice(0, 100));
    return withSecurityHeaders(errorResponseIn(dialectOf(rawPath), new AppError("invalid_input", `The path ${shown} is not valid: expected percent-encoded UTF-8 (such as %C3%A9), got a byte sequence that is not.`)));
  }
  if (ROUTED_METHODS.has(method)) return undefined;
  const methods = methodsAnsweredAt(pathname);
  const refusal = new AppError("method_not_allowed", `${method.slice(0, 20)} is not answered here: expected ${methods.join(" or ")}.`);
  const response = withSecurityHeaders(errorResponseIn(dialectOf(pathname), refusal));
  response.headers.set("allow", methods.join(", "));
  return response;
}

/**
 * The raw HTTP answer to a request Node's parser refused (its 'clientError'), as Node would give it but with a
 * JSON body and the security headers; undefined when the client is gone and nothing should be written.
 */
export function clientErrorAnswer(errorCode: string | undefined): string | undefined {
  if (errorCode === "ECONNRESET") return undefined;
  const [status, code, message]: [number, string, string] =
    errorCode === "HPE_HEADER_OVERFLOW"
      ? [431, "too_large", "The request's headers are too large: expected at most 16 KB of headers together."]
      : errorCode === "ERR_HTTP_REQUEST_TIMEOUT"
        ? [408, "invalid_input", "The request took too long to arrive: expected its headers and body within the server's timeout."]
        : [400, "invalid_input", "The request is not valid HTTP/1.1: expected a request line, headers and a body as RFC 9112 describes."];
  const body = JSON.stringify({ error: { code, message } });
  const headers = { ...securityHeaders(), "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), "cache-control": "no-store", connection: "close" };
  return `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\n${Object.entries(headers).map(([name, value]) => `${name}: ${value}`).join("\r\n")}\r\n\r\n${body}`;
}

function withSecurityHeaders(response: Response): Response {
  for (const [name, value] of Object.entries(securityHeaders())) response.headers.set(name, value);
  return response;
}
