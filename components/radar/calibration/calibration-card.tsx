"use client";

import type { CalibrationResponse, Pooling } from "@/lib/api/contract";
import type { AppError } from "@/lib/errors";
import { BANDS } from "@/lib/kb/bands";
import { POOLING_LABELS } from "@/lib/pooling/strategies";

interface Props {
  modelId: string;
  calibration: CalibrationResponse | null;
  loading: boolean;
  /** Sentences embedded so far while the server computes the calibration. */
  progress: { done: number; total: number } | null;
  error: AppError | null;
  /** The poolings on screen. */
  poolings: Pooling[];
  threshold: number;
  onThreshold: (threshold: number) => void;
}

/**
 * Where this model's scores sit: the article's bands (measured on Qwen3-Embedding-4B) beside this model's own
 * numbers, and the threshold that best separates similar from unrelated pairs for the pooling on screen.
 */
export function CalibrationCard({ modelId, calibration, loading, progress, error, poolings, threshold, onThreshold }: Props) {
  const articleBands = BANDS.filter((b) => Number.isFinite(b.min)).map((b) => `${b.label} ≥ ${b.min}`).join(", ");
  return (
    <section aria-label="Calibration" data-testid="calibration-card" className="flex flex-col gap-2 rounded-lg border border-slate-200 p-3 text-sm">
      <h2 className="font-semibold text-slate-700">What a score means here</h2>
      <p className="text-xs text-slate-500">
        The bands ({articleBands}) were measured on Qwen3-Embedding-4B. Below: {modelId}&apos;s own numbers, from random unrelated STS-B pairs.
      </p>
      {loading ? (
        <p className="text-xs text-slate-500" data-testid="calibration-progress">
          Calibrating {modelId}, once per model
          {progress && progress.total > 0 ? `: ${progress.done.toLocaleString("en")} of ${progress.total.toLocaleString("en")} sentences embedded` : ""}…
        </p>
      ) : null}
      {error ? <p className="text-xs text-red-700">{error.message}</p> : null}
      {calibration
        ? poolings.map((p) => {
            const c = calibration.poolings[p];
            return (
              <div key={p} data-testid="calibration-pooling" data-pooling={p} className="flex flex-col gap-1">
                <span className="font-medium">{POOLING_LABELS[p]}</span>
                <span className="text-xs text-slate-600">
                  Unrelated pairs: median {c.random.p50.toFixed(2)}, 99% below {c.random.p99.toFixed(2)}.
                </span>
                <button
                  type="button"
                  data-testid="suggested-threshold"
                  disabled={Math.abs(threshold - c.suggestedThreshold) < 0.005}
                  onClick={() => onThreshold(Math.round(c.suggestedThreshold * 100) / 100)}
                  className="self-start rounded border border-emerald-600 px-2 py-0.5 text-xs text-emerald-800 disabled:opacity-50"
                >
                  Use suggested threshold {c.suggestedThreshold.toFixed(2)} (F1 {c.f1.toFixed(2)})
                </button>
              </div>
            );
          })
        : null}
    </section>
  );
}
