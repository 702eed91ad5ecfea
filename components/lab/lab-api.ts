/**
 * The browser's side of the lab API (/api/lab, /api/lab/sts): typed calls, every failure an AppError whose
 * message can be shown as is. Error decoding is the radar's (lib/api/client.ts), so both pages speak alike.
 */
import { asAppError, call } from "@/lib/api/client";
import { readNdjson } from "@/lib/api/ndjson-read";
import type { LabLayersStreamEvent, LabRequestBody, LabSts, LabStsStreamEvent, LayerSweep, LayersRequestBody, StsRequestBody } from "@/lib/api/contract";
import { AppError } from "@/lib/errors";
import type { LabReport } from "@/lib/lab/report";

export type LabRunBody = LabRequestBody;

export type LabResponse = LabReport & { timings: { loadMs: number; embedMs: number; totalMs: number } };

export type StsBody = StsRequestBody;

export async function runLabRequest(body: LabRunBody, signal?: AbortSignal): Promise<LabResponse> {
  const response = await call("/api/lab", { method: "POST", body: JSON.stringify(body), signal });
  return (await response.json()) as LabResponse;
}

/** The STS result the server has cached for this model, graph and dataset, or null; never starts work. */
export function fetchCachedSts(body: StsBody, signal?: AbortSignal): Promise<LabSts | null> {
  return fetchCached<LabSts>("/api/lab/sts", body, signal);
}

/** Computes (or joins, or reads from cache) the STS evaluation, reporting progress as it streams. */
export function computeSts(body: StsBody, options: StreamOptions = {}): Promise<LabSts> {
  return streamResult<LabStsStreamEvent>("/api/lab/sts", body, options, { stream: "the STS evaluation", closed: "the STS stream" });
}

/** The layer sweep the server has cached for this model, dataset and pair count, or null; never starts work. */
export function fetchCachedLayers(body: LayersRequestBody, signal?: AbortSignal): Promise<LayerSweep | null> {
  return fetchCached<LayerSweep>("/api/lab/layers", body, signal);
}

/** Computes (or joins, or reads from cache) the layer sweep, reporting progress as it streams. */
export function computeLayers(body: LayersRequestBody, options: StreamOptions = {}): Promise<LayerSweep> {
  return streamResult<LabLayersStreamEvent>("/api/lab/layers", body, options, { stream: "the layer sweep", closed: "the layer sweep's stream" });
}

/** The shape every lab stream shares; each route's contract type narrows `result`. */
type StreamEvent = LabStsStreamEvent | LabLayersStreamEvent;

interface StreamOptions {
  signal?: AbortSignal;
  onProgress?: (done: number, total: number) => void;
}

/** GET `path` with the body's set fields as the query: the server's cached result, or null. */
async function fetchCached<T>(path: string, body: object, signal?: AbortSignal): Promise<T | null> {
  const params = new URLSearchParams(Object.entries(body).filter((entry) => entry[1] !== undefined && entry[1] !== "").map(([k, v]) => [k, String(v)]));
  const response = await call(`${path}?${params}`, { signal });
  return ((await response.json()) as { result: T | null }).result;
}

/** POST `body` to `path` and read its NDJSON: progress events, then the result or an error. */
async function streamResult<E extends { type: string }>(
  path: string,
  body: object,
  options: StreamOptions,
  names: { stream: string; closed: string },
): Promise<Extract<E, { type: "done" }> extends { result: infer R } ? R : never> {
  const response = await call(path, { method: "POST", body: JSON.stringify(body), signal: options.signal });
  if (!response.body) throw new AppError("internal", `The server sent no progress stream for ${names.stream}.`);
  try {
    for await (const event of readNdjson<StreamEvent>(response.body)) {
      if (event.type === "done") return event.result as never;
      if (event.type === "error") throw new AppError(event.error.code, event.error.message);
      options.onProgress?.(event.done, event.total);
    }
  } catch (error) {
    throw asAppError(error);
  }
  throw new AppError("internal", `The server closed ${names.closed} before the result. Try again.`);
}
