"use client";

import { useCallback, useEffect, useState } from "react";
import { fetchStatus } from "@/lib/api/client";
import type { AppError } from "@/lib/errors";
import type { EngineState, StatusResponse } from "@/lib/api/contract";

const POLL_MS = 1000;
// Once the model is ready, a slower heartbeat: the status card must not say "ready" about a server that is gone.
const HEARTBEAT_MS = 5000;

/**
 * Polls GET /api/status for `model` (which also starts loading it): every second until its engine is ready or failed,
 * then every few seconds, so a server that stops answering shows on the status card. `model` null means the server's
 * default.
 */
export function useEngineStatus(model: string | null): {
  status: StatusResponse | null;
  engine: EngineState | null;
  error: AppError | null;
  retry: () => void;
} {
  const [status, setStatus] = useState<StatusResponse | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let last = "";
    const poll = async (retry: boolean) => {
      let settled = false;
      try {
        const next = await fetchStatus(model ?? undefined, { retry, signal: abort.signal });
        // Timings change on every answer: compare the rest, so an unchanged status does not re-render the radar.
        const key = JSON.stringify({ ...next, timings: undefined });
        if (key !== last) setStatus(next);
        last = key;
        setError(null);
        const state = engineOf(next, model);
        if (state?.status === "failed") return;
        settled = state?.status === "ready";
      } catch (caught) {
        if (abort.signal.aborted) return;
        setError(caught as AppError);
      }
      timer = setTimeout(() => void poll(false), settled ? HEARTBEAT_MS : POLL_MS);
    };
    void poll(attempt > 0);
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [model, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { status, engine: status ? engineOf(status, model) : null, error, retry };
}

function engineOf(status: StatusResponse, model: string | null): EngineState | null {
  const id = model ?? status.defaultModel;
  return status.engines.find((engine) => engine.modelId === id) ?? null;
}
