/** The browser's calls for the radar's "why" views: explanations, maps and calibration. Errors arrive as AppError. */
import type { CalibrationProgress, CalibrationResponse, ExplainResponse, MapMethod, MapResponse } from "./contract";
import type { Pooling } from "./contract";
import { call } from "./client";

export async function fetchExplanation(body: { kbId: string; query: string; index: number; pooling: Pooling; layer?: number | string; correction?: string }, signal?: AbortSignal): Promise<ExplainResponse> {
  const response = await call("/api/explain", { method: "POST", body: JSON.stringify(body), signal });
  return (await response.json()) as ExplainResponse;
}

export async function fetchMap(body: { kbId: string; poolings: Pooling[]; method: MapMethod; query?: string }, signal?: AbortSignal): Promise<MapResponse> {
  const response = await call("/api/map", { method: "POST", body: JSON.stringify(body), signal });
  return (await response.json()) as MapResponse;
}

/** The calibration, or (while the server computes it) how far it has got; never waits for the computation. */
export async function fetchCalibration(model: string, signal?: AbortSignal): Promise<CalibrationResponse | CalibrationProgress> {
  const response = await call(`/api/calibration?model=${encodeURIComponent(model)}&progress=1`, { signal });
  return (await response.json()) as CalibrationResponse | CalibrationProgress;
}
