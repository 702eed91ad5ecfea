"use client";

import { useEffect, useState } from "react";
import { fetchCalibration } from "@/lib/api/why-client";
import type { CalibrationResponse } from "@/lib/api/contract";
import type { AppError } from "@/lib/errors";

/** The model's calibration; the first request per model computes it on the server (tens of seconds), later ones are cached. */
export function useCalibration(modelId: string | undefined, enabled: boolean) {
  const [calibration, setCalibration] = useState<CalibrationResponse | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    setCalibration(null);
    setError(null);
    if (!modelId || !enabled) return;
    const abort = new AbortController();
    setLoading(true);
    fetchCalibration(modelId, abort.signal)
      .then((answer) => !abort.signal.aborted && setCalibration(answer))
      .catch((caught: AppError) => !abort.signal.aborted && setError(caught))
      .finally(() => !abort.signal.aborted && setLoading(false));
    return () => abort.abort();
  }, [modelId, enabled]);

  return { calibration, error, loading };
}
