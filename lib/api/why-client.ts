/** The browser's calls for the radar's "why" views: explanations, maps and calibration. Errors arrive as AppError. */
import type { CalibrationResponse, ExplainResponse, MapMethod, MapResponse } from "./contract";
import type { Pooling } from "./contract";
import { call } from "./client";

export async function fetchExplanation(body: { kbId: string; query: string; index: number; pooling: Pooling }, signal?: AbortSignal): Promise<ExplainResponse> {
  const response = await call("/api/explain", { method: "POST", body: JSON.stringify(body), signal });
  return (await response.json()) as ExplainResponse;
}

export async function fetchMap(body: { kbId: string; poolings: Pooling[]; method: MapMethod; query?: string }, signal?: AbortSignal): Promise<MapResponse> {
  const response = await call("/api/map", { method: "POST", body: JSON.stringify(body), signal });
  return (await response.json()) as MapResponse;
}

export async function fetchCalibration(model: string, signal?: AbortSignal): Promise<CalibrationResponse> {
  const response = await call(`/api/calibration?model=${encodeURIComponent(model)}`, { signal });
  return (await response.json()) as CalibrationResponse;
}
