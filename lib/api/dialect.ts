/**
 * Which error shape a path speaks: OpenAI's under /v1, TEI's on TEI's routes, ours everywhere else. The proxy's
 * refusals (415, 403) and every route's 405 use it, so a client never meets a shape its SDK cannot read.
 */
import { AppError } from "../errors";
import { openAiErrorResponse } from "./openai/errors";
import { errorResponse } from "./respond";
import { allowHeader } from "./route-methods";
import { teiErrorResponse } from "./tei/errors";

export type Dialect = "radar" | "openai" | "tei";

export const TEI_ROUTES = ["/embed", "/similarity", "/rerank", "/tokenize", "/info"] as const;

export function dialectOf(pathname: string): Dialect {
  if (pathname === "/v1" || pathname.startsWith("/v1/")) return "openai";
  if ((TEI_ROUTES as readonly string[]).includes(pathname.replace(/\/+$/, ""))) return "tei";
  return "radar";
}

export function errorResponseIn(dialect: Dialect, error: unknown): Response {
  if (dialect === "openai") return openAiErrorResponse(error);
  if (dialect === "tei") return teiErrorResponse(error);
  return errorResponse(error);
}

/**
 * For a route file: answers every method it does not export with 405 and an Allow header, in its dialect, and
 * OPTIONS with the methods it does answer (Next.js's own OPTIONS would list every method exported, 405s too).
 */
export function otherMethodsIn(dialect: Dialect, ...allowed: string[]) {
  const answer = async (request: Request) => {
    const response = errorResponseIn(dialect, new AppError("method_not_allowed", `${request.method} is not answered here: expected ${allowed.join(" or ")}.`));
    response.headers.set("allow", allowed.join(", "));
    return response;
  };
  const options = async () => new Response(null, { status: 204, headers: { allow: allowHeader(allowed), "cache-control": "no-store" } });
  return { GET: answer, POST: answer, PUT: answer, PATCH: answer, DELETE: answer, OPTIONS: options };
}
