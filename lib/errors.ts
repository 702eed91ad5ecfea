/**
 * The one error type of Semantic Radar. Every layer throws it with a code from this closed list; the API edge
 * maps codes to HTTP statuses in one table (lib/api/respond.ts). Messages say what was expected and what was given.
 */
export const ERROR_CODES = [
  "invalid_input", // a request or argument of the wrong shape (422)
  "empty_input", // nothing to embed or search (400)
  "too_large", // over a documented limit (413)
  "model_not_found", // no such folder under models/ (404)
  "model_corrupt", // a model folder that cannot be read or loaded (500)
  "unknown_pooling", // a pooling name outside POOLINGS (422)
  "kb_not_found", // an unknown or expired knowledge base id (404)
  "overloaded", // every admission permit is taken (429, with Retry-After)
  "unsupported_media_type", // a POST body that is not application/json (415)
  "unauthorized", // a missing or wrong key: the teacher's, or the API key of the OpenAI/TEI routes (401)
  "forbidden", // a cross-site Origin or an unknown Host (403)
  "method_not_allowed", // a method the route does not answer (405)
  "cancelled", // the caller aborted (499)
  "device_unavailable", // an explicitly requested device could not start (503)
  "storage_full", // the disk holding the knowledge-base store is full (507)
  "store_unavailable", // the knowledge-base store cannot be opened or stopped working (503)
  "insufficient_memory", // a model bigger than the memory left to load it (507)
  "internal", // anything else; details are logged, not returned (500)
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** Describes a value for an error message: `0 (number)`, `"abc" (string)`. */
export function describeValue(value: unknown): string {
  if (typeof value === "string") return `"${value.length > 60 ? `${value.slice(0, 57)}...` : value}" (string)`;
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value === null) return "null";
  return `${String(value)} (${typeof value})`;
}
