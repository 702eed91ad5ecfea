/**
 * How the radar follows the server's engine (use-engine-status.ts polls GET /api/status): every second until the
 * model is ready or failed, then every few seconds, so a server that stops answering shows on the status card.
 * Pure.
 */
import type { EngineState, StatusResponse } from "@/lib/api/contract";

export const POLL_MS = 1000;
// Once the model is ready, a slower heartbeat: the status card must not say "ready" about a server that is gone.
export const HEARTBEAT_MS = 5000;

/** Milliseconds until the next question after an answer, or null to stop (a failed load waits for a retry). */
export function nextPollMs(engine: EngineState | null): number | null {
  if (engine?.status === "failed") return null;
  return engine?.status === "ready" ? HEARTBEAT_MS : POLL_MS;
}

/** The engine of `model` in a status, `null` meaning the server's default model. */
export function engineOf(status: StatusResponse, model: string | null): EngineState | null {
  const id = model ?? status.defaultModel;
  return status.engines.find((engine) => engine.modelId === id) ?? null;
}

/** A status without its timings (they change on every answer): equal keys draw the same card, so no re-render. */
export function statusKey(status: StatusResponse): string {
  return JSON.stringify({ ...status, timings: undefined });
}
