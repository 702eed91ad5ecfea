"use client";

import type { CalibrationResponse, Pooling } from "@/lib/api/contract";
import type { AppError } from "@/lib/errors";
import { BANDS } from "@/lib/kb/bands";
import { errorText } from "../../i18n/error-text";
import { useI18n } from "../../i18n/use-messages";

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
  const i18n = useI18n();
  const { t, n } = i18n;
  const articleBands = BANDS.filter((b) => Number.isFinite(b.min)).map((b) => `${b.label} ≥ ${b.min}`).join(", ");
  return (
    <section aria-label={t.why.calibrationTitle} data-testid="calibration-card" className="flex flex-col gap-2 rounded-lg border border-slate-200 p-3 text-sm">
      <h2 className="font-semibold text-slate-700">{t.why.calibrationTitle}</h2>
      <p className="text-xs text-slate-500">{t.why.calibrationIntro(articleBands, modelId)}</p>
      {loading ? (
        <p className="text-xs text-slate-500" data-testid="calibration-progress">
          {t.why.calibrating(modelId)}
          {progress && progress.total > 0 ? t.why.calibratingProgress(n(progress.done), n(progress.total)) : ""}…
        </p>
      ) : null}
      {error ? <p className="text-xs text-red-700">{errorText(error, i18n)}</p> : null}
      {calibration
        ? poolings.map((p) => {
            const c = calibration.poolings[p];
            return (
              <div key={p} data-testid="calibration-pooling" data-pooling={p} className="flex flex-col gap-1">
                <span className="font-medium">{t.results.poolings[p]}</span>
                <span className="text-xs text-slate-600">{t.why.calibrationRandom(c.random.p50.toFixed(2), c.random.p99.toFixed(2))}</span>
                <button
                  type="button"
                  data-testid="suggested-threshold"
                  disabled={Math.abs(threshold - c.suggestedThreshold) < 0.005}
                  onClick={() => onThreshold(Math.round(c.suggestedThreshold * 100) / 100)}
                  className="self-start rounded border border-emerald-600 px-2 py-0.5 text-xs text-emerald-800 disabled:opacity-50"
                >
                  {t.why.useSuggested(c.suggestedThreshold.toFixed(2), c.f1.toFixed(2))}
                </button>
              </div>
            );
          })
        : null}
    </section>
  );
}
