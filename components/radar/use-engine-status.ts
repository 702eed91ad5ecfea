"use client";

import { useCallback, useEffect, useState } from "react";
import { fetchStatus } from "@/lib/api/client";
import type { AppError } from "@/lib/errors";
import type { EngineState, StatusResponse } from "@/lib/api/contract";
import { engineOf, nextPollMs, POLL_MS, statusKey } from "./engine-poll";

/**
 * Polls GET /api/status for `model` (which also starts loading it), at the pace engine-poll.ts sets. `model` null
 * means the server's default.
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
      let delay: number | null = POLL_MS;
      try {
        const next = await fetchStatus(model ?? undefined, { retry, signal: abort.signal });
        const key = statusKey(next);
        if (key !== last) setStatus(next);
        last = key;
        setError(null);
        delay = nextPollMs(engineOf(next, model));
      } catch (caught) {
        if (abort.signal.aborted) return;
        setError(caught as AppError);
      }
      if (delay !== null) timer = setTimeout(() => void poll(false), delay);
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

