/**
 * The API edge: every route answers through here. AppError codes map to HTTP statuses in ONE table; the body is
 * always {error: {code, message}}; internals are logged on the server and never returned.
 */
import { homedir, tmpdir } from "node:os";
import { ZodError } from "zod";
import { config } from "../config";
import { AppError, type ErrorCode, isAppError } from "../errors";
import type { ApiErrorBody } from "./contract";
import { zodAppError } from "./validate";

/** TEI's table, adapted: bad shape 422, nothing to do 400, over a limit 413, overloaded 429, client gone 499. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  invalid_input: 422,
  empty_input: 400,
  too_large: 413,
  model_not_found: 404,
  model_corrupt: 500,
  unknown_pooling: 422,
  kb_not_found: 404,
  overloaded: 429,
  unsupported_media_type: 415,
  unauthorized: 401,
  forbidden: 403,
  method_not_allowed: 405,
  cancelled: 499,
  device_unavailable: 503,
  storage_full: 507,
  store_unavailable: 503,
  // WebDAV's Insufficient Storage: the server cannot hold what the request needs (a model too big to load).
  insufficient_memory: 507,
  internal: 500,
};

const INTERNAL_MESSAGE = "Something went wrong on the server; the details are in the server log.";

/** Any thrown value as an AppError; anything unexpected is logged here and becomes a generic `internal`. */
export function toAppError(error: unknown): AppError {
  if (isAppError(error) && error.code !== "internal") return error;
  if (error instanceof ZodError) return zodAppError(error);
  if (error instanceof Error && error.name === "AbortError") return new AppError("cancelled", "The request was cancelled.");
  console.error("[semantic-radar] internal error:", error);
  return new AppError("internal", INTERNAL_MESSAGE);
}

export function errorBody(error: AppError): ApiErrorBody {
  return { error: { code: error.code, message: withoutServerPaths(error.message) } };
}

/**
 * The last guard on what a client reads: the server's own folders (models, the data folder, working directory,
 * home, temp) are replaced by short names, whatever layer wrote the message. Messages name files as
 * "<model>/<file>" anyway.
 */
export function withoutServerPaths(message: string): string {
  const { modelsDir, dataDir } = config();
  const roots: [string, string][] = [
    [modelsDir, "models"],
    [dataDir, "$SEMANTIC_RADAR_DATA_DIR"],
    [process.cwd(), "."],
    [tmpdir(), "<tmp>"],
    [homedir(), "~"],
  ];
  let clean = message;
  for (const [root, name] of roots) if (root.length > 1) clean = clean.split(root).join(name);
  return clean;
}

export function errorResponse(error: unknown): Response {
  const appError = toAppError(error);
  const retryAfter = appError.details?.retryAfterSeconds;
  const headers = { ...NO_STORE, ...(typeof retryAfter === "number" ? { "retry-after": String(retryAfter) } : {}) };
  return Response.json(errorBody(appError), { status: HTTP_STATUS[appError.code], headers });
}


export function jsonResponse(body: unknown, status = 200): Response {
  return Response.json(body, { status, headers: NO_STORE });
}

/** Runs a handler's work and answers with its JSON result, or with the error mapped through HTTP_STATUS. */
export async function respond(work: () => Promise<unknown>): Promise<Response> {
  try {
    return jsonResponse(await work());
  } catch (error) {
    return errorResponse(error);
  }
}

const NO_STORE = { "cache-control": "no-store" };
