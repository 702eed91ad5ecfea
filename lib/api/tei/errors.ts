/**
 * Errors in TEI's shape, {error, error_type}, with TEI's statuses (router/src/http/server.rs): empty 400, a
 * payload or batch over a limit 413, validation 422, backend 424, overloaded 429, unhealthy 503. An unknown
 * model is a validation error here (TEI serves one model and has no such case).
 */
import type { ErrorCode } from "../../errors";
import { toAppError, withoutServerPaths } from "../respond";
import type { TeiErrorBody } from "./schemas";

export const TEI_STATUS: Record<ErrorCode, { status: number; type: TeiErrorBody["error_type"] }> = {
  empty_input: { status: 400, type: "empty" },
  too_large: { status: 413, type: "validation" },
  invalid_input: { status: 422, type: "validation" },
  unknown_pooling: { status: 422, type: "validation" },
  model_not_found: { status: 422, type: "validation" },
  kb_not_found: { status: 422, type: "validation" },
  unsupported_media_type: { status: 415, type: "validation" },
  method_not_allowed: { status: 405, type: "validation" },
  unauthorized: { status: 401, type: "validation" },
  forbidden: { status: 403, type: "validation" },
  overloaded: { status: 429, type: "overloaded" },
  cancelled: { status: 499, type: "backend" },
  model_corrupt: { status: 424, type: "backend" },
  internal: { status: 424, type: "backend" },
  device_unavailable: { status: 503, type: "unhealthy" },
  storage_full: { status: 507, type: "unhealthy" },
  store_unavailable: { status: 503, type: "unhealthy" },
  insufficient_memory: { status: 507, type: "backend" },
};

export function teiErrorResponse(error: unknown, headers: Record<string, string> = {}): Response {
  const appError = toAppError(error);
  const { status, type } = TEI_STATUS[appError.code];
  const body: TeiErrorBody = { error: withoutServerPaths(appError.message), error_type: type };
  const retryAfter = appError.details?.retryAfterSeconds;
  const all: Record<string, string> = { "cache-control": "no-store", ...headers };
  if (typeof retryAfter === "number") all["retry-after"] = String(retryAfter);
  return Response.json(body, { status, headers: all });
}
