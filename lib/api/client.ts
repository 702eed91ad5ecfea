/**
 * The browser's side of the radar API: typed calls, NDJSON progress, and every failure turned into an AppError
 * whose message can be shown as is (never a stack trace).
 */
import { AppError, ERROR_CODES, type ErrorCode } from "../errors";
import type { KbEvent, KbRequest, SearchRequestInput, SearchResponse, StatusResponse } from "./contract";
import { readNdjson } from "./ndjson-read";

export type KbDone = Extract<KbEvent, { type: "done" }>;
export type KbProgress = Exclude<KbEvent, { type: "done" } | { type: "error" }>;

export async function fetchStatus(model?: string, options: { retry?: boolean; signal?: AbortSignal } = {}): Promise<StatusResponse> {
  const params = new URLSearchParams();
  if (model) params.set("model", model);
  if (options.retry) params.set("retry", "1");
  const response = await call(`/api/status?${params}`, { signal: options.signal });
  return (await response.json()) as StatusResponse;
}

/** POST /api/kb, calling onProgress for each event; resolves with the done event. */
export async function embedKnowledgeBase(
  body: KbRequest,
  options: { signal?: AbortSignal; onProgress?: (event: KbProgress) => void } = {},
): Promise<KbDone> {
  const response = await call("/api/kb", { method: "POST", body: JSON.stringify(body), signal: options.signal });
  if (!response.body) throw new AppError("internal", "The server sent no progress stream for the knowledge base.");
  try {
    for await (const event of readNdjson<KbEvent>(response.body)) {
      if (event.type === "done") return event;
      if (event.type === "error") throw new AppError(event.error.code, event.error.message);
      options.onProgress?.(event);
    }
  } catch (error) {
    throw asAppError(error);
  }
  throw new AppError("internal", "The server closed the progress stream before the knowledge base was ready. Try again.");
}

export async function searchKnowledgeBase(body: SearchRequestInput, signal?: AbortSignal): Promise<SearchResponse> {
  const response = await call("/api/search", { method: "POST", body: JSON.stringify(body), signal });
  return (await response.json()) as SearchResponse;
}

/** fetch that throws AppError for network failures, cancellation and non-2xx answers. */
export async function call(url: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    const headers = { ...(init.body ? { "content-type": "application/json" } : {}), ...(init.headers as Record<string, string> | undefined) };
    response = await fetch(url, { ...init, headers });
  } catch (error) {
    throw asAppError(error);
  }
  if (!response.ok) throw await errorFromResponse(response);
  return response;
}

/** The server's {error: {code, message}}, or a plain description when the answer is not ours (a proxy's page). */
export async function errorFromResponse(response: Response): Promise<AppError> {
  const text = await response.text().catch(() => "");
  try {
    const { error } = JSON.parse(text) as { error?: { code?: string; message?: string } };
    if (error?.message) return new AppError(knownCode(error.code), error.message);
  } catch {
    // Not JSON: described below.
  }
  return new AppError("internal", `The server answered ${response.status} ${response.statusText || ""}`.trim() + " without an explanation. Try again, or check the server log.");
}

export function asAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof DOMException && error.name === "AbortError") return new AppError("cancelled", "Cancelled.");
  if (error instanceof TypeError) {
    return new AppError("internal", "Could not reach the radar server. Is it still running? Your knowledge base is kept; try again.");
  }
  return new AppError("internal", "Something went wrong in the browser. Your knowledge base is kept; try again.");
}

function knownCode(code: string | undefined): ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code ?? "") ? (code as ErrorCode) : "internal";
}
