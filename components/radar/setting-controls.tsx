"use client";

import { BANDS } from "@/lib/kb/bands";
import { MAX_TOP_K, MIN_TOP_K } from "@/lib/api/contract";
import type { ModelSummary } from "@/lib/api/contract";
import { POOLING_LABELS } from "@/lib/pooling/strategies";

/** Installed models, each with its native pooling marked. */
export function ModelPicker({ models, model, onModel }: { models: ModelSummary[]; model: ModelSummary | undefined; onModel: (id: string) => void }) {
  return (
    <label className="flex flex-col gap-1">
      <span className="text-sm font-semibold text-slate-700">Model</span>
      <select
        data-testid="model-picker"
        value={model?.id ?? ""}
        onChange={(event) => onModel(event.target.value)}
        className="rounded-md border border-slate-300 bg-white px-2 py-1.5"
      >
        {models.map((m) => (
          <option key={m.id} value={m.id}>
            {m.id} · native: {POOLING_LABELS[m.nativePooling]}
          </option>
        ))}
      </select>
      {model ? (
        <span className="text-xs text-slate-500">
          {model.description} {model.hasQueryPrompt ? "Queries get the model's query prompt." : ""}
        </span>
      ) : null}
    </label>
  );
}

/** Scores at or above the threshold are green; the article's bands are listed under it. */
export function ThresholdSlider({ threshold, onThreshold }: { threshold: number; onThreshold: (threshold: number) => void }) {
  const bands = BANDS.map((b) => (Number.isFinite(b.min) ? `${b.label} ≥ ${b.min}` : `${b.label} below`)).join(", ");
  return (
    <label className="flex flex-col gap-1">
      <span className="flex justify-between text-sm font-semibold text-slate-700">
        Threshold <output data-testid="threshold-value">{threshold.toFixed(2)}</output>
      </span>
      <input
        type="range"
        min={0}
        max={1}
        step={0.01}
        value={threshold}
        data-testid="threshold-slider"
        aria-valuetext={`${threshold.toFixed(2)}: scores at or above it are green`}
        onChange={(event) => onThreshold(Number(event.target.value))}
        className="accent-emerald-600"
      />
      <span className="text-xs text-slate-500">Green at or above. Bands: {bands}.</span>
    </label>
  );
}

/** How many hits to show per pooling; out-of-range input is ignored until it makes sense. */
export function TopKInput({ topK, onTopK }: { topK: number; onTopK: (topK: number) => void }) {
  return (
    <label className="flex items-center justify-between gap-2">
      <span className="text-sm font-semibold text-slate-700">Top-k</span>
      <input
        type="number"
        min={MIN_TOP_K}
        max={MAX_TOP_K}
        value={topK}
        data-testid="top-k"
        onChange={(event) => {
          const value = Math.round(Number(event.target.value));
          if (value >= MIN_TOP_K && value <= MAX_TOP_K) onTopK(value);
        }}
        className="w-20 rounded-md border border-slate-300 bg-white px-2 py-1 text-right"
      />
    </label>
  );
}
