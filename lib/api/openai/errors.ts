/**
 * Errors in OpenAI's shape, {error: {message, type, param, code}}, with OpenAI's statuses: every bad request is
 * 400 invalid_request_error (a limit too: OpenAI answers 400 for too many inputs or tokens), an unknown model 404,
 * overloaded 429, server trouble 5xx. `code` is our AppError code ("model_not_found" is also OpenAI's).
 */
import type { ErrorCode } from "../../errors";
import type { OpenAiErrorBody } from "./schemas";
import { toAppError, withoutServerPaths } from "../respond";

export const OPENAI_STATUS: Record<ErrorCode, { status: number; type: string }> = {
  invalid_input: { status: 400, type: "invalid_request_error" },
  empty_input: { status: 400, type: "invalid_request_error" },
  too_large: { status: 400, type: "invalid_request_error" },
  unknown_pooling: { status: 400, type: "invalid_request_error" },
  model_not_found: { status: 404, type: "invalid_request_error" },
  kb_not_found: { status: 404, type: "invalid_request_error" },
  unsupported_media_type: { status: 415, type: "invalid_request_error" },
  method_not_allowed: { status: 405, type: "invalid_request_error" },
  unauthorized: { status: 401, type: "invalid_request_error" },
  forbidden: { status: 403, type: "permission_error" },
  overloaded: { status: 429, type: "rate_limit_error" },
  cancelled: { status: 499, type: "invalid_request_error" },
  model_corrupt: { status: 500, type: "server_error" },
  internal: { status: 500, type: "server_error" },
  device_unavailable: { status: 503, type: "server_error" },
  storage_full: { status: 507, type: "server_error" },
  store_unavailable: { status: 503, type: "server_error" },
  insufficient_memory: { status: 507, type: "server_error" },
};

export function openAiErrorResponse(error: unknown): Response {
  const appError = toAppError(error);
  const { status, type } = OPENAI_STATUS[appError.code];
  const param = typeof appError.details?.param === "string" ? appError.details.param : null;
  const body: OpenAiErrorBody = { error: { message: withoutServerPaths(appError.message), type, param, code: appError.code === "unauthorized" ? "invalid_api_key" : appError.code } };
  const retryAfter = appError.details?.retryAfterSeconds;
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (typeof retryAfter === "number") headers["retry-after"] = String(retryAfter);
  return Response.json(body, { status, headers });
}

/** Runs the work and answers its JSON, or the error in OpenAI's shape. */
export async function openAiRespond(work: () => Promise<unknown>): Promise<Response> {
  try {
    return Response.json(await work(), { headers: { "cache-control": "no-store" } });
  } catch (error) {
    return openAiErrorResponse(error);
  }
}
