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
export async function fetchCachedSts(body: StsBody, signal?: AbortSignal): Promise<LabSts | null> {
  const params = new URLSearchParams(Object.entries(body).filter((entry): entry is [string, string] => Boolean(entry[1])));
  const response = await call(`/api/lab/sts?${params}`, { signal });
  return ((await response.json()) as { result: LabSts | null }).result;
}

/** Computes (or joins, or reads from cache) the STS evaluation, reporting progress as it streams. */
export async function computeSts(
  body: StsBody,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<LabSts> {
  const response = await call("/api/lab/sts", { method: "POST", body: JSON.stringify(body), signal: options.signal });
  if (!response.body) throw new AppError("internal", "The server sent no progress stream for the STS evaluation.");
  try {
    for await (const event of readNdjson<LabStsStreamEvent>(response.body)) {
      if (event.type === "done") return event.result;
      if (event.type === "error") throw new AppError(event.error.code, event.error.message);
      options.onProgress?.(event.done, event.total);
    }
  } catch (error) {
    throw asAppError(error);
  }
  throw new AppError("internal", "The server closed the STS stream before the result. Try again.");
}

/** The layer sweep the server has cached for this model, dataset and pair count, or null; never starts work. */
export async function fetchCachedLayers(body: LayersRequestBody, signal?: AbortSignal): Promise<LayerSweep | null> {
  const params = new URLSearchParams(Object.entries(body).filter((entry) => entry[1] !== undefined).map(([k, v]) => [k, String(v)]));
  const response = await call(`/api/lab/layers?${params}`, { signal });
  return ((await response.json()) as { result: LayerSweep | null }).result;
}

/** Computes (or joins, or reads from cache) the layer sweep, reporting progress as it streams. */
export async function computeLayers(
  body: LayersRequestBody,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<LayerSweep> {
  const response = await call("/api/lab/layers", { method: "POST", body: JSON.stringify(body), signal: options.signal });
  if (!response.body) throw new AppError("internal", "The server sent no progress stream for the layer sweep.");
  try {
    for await (const event of readNdjson<LabLayersStreamEvent>(response.body)) {
      if (event.type === "done") return event.result;
      if (event.type === "error") throw new AppError(event.error.code, event.error.message);
      options.onProgress?.(event.done, event.total);
    }
  } catch (error) {
    throw asAppError(error);
  }
  throw new AppError("internal", "The server closed the layer sweep's stream before the result. Try again.");
}
