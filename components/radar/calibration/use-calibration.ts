"use client";

import { useEffect, useState } from "react";
import { fetchCalibration } from "@/lib/api/why-client";
import type { CalibrationResponse } from "@/lib/api/contract";
import type { AppError } from "@/lib/errors";

// While the server computes a calibration (the first time per model), ask how far it has got this often.
const POLL_MS = 1_500;

/** The model's calibration; the first request per model starts its computation on the server, with progress. */
export function useCalibration(modelId: string | undefined, enabled: boolean) {
  const [calibration, setCalibration] = useState<CalibrationResponse | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<AppError | null>(null);

  useEffect(() => {
    setCalibration(null);
    setProgress(null);
    setError(null);
    if (!modelId || !enabled) return;
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ask = () =>
      fetchCalibration(modelId, abort.signal)
        .then((answer) => {
          if (abort.signal.aborted) return;
          if ("poolings" in answer) {
            setCalibration(answer);
            setProgress(null);
          } else {
            setProgress({ done: answer.done, total: answer.total });
            timer = setTimeout(ask, POLL_MS);
          }
        })
        .catch((caught: AppError) => !abort.signal.aborted && setError(caught));
    void ask();
    return () => {
      abort.abort();
      clearTimeout(timer);
    };
  }, [modelId, enabled]);

  return { calibration, progress, error, loading: calibration === null && error === null && Boolean(modelId && enabled) };
}
