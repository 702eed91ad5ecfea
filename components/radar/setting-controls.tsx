"use client";

import { useEffect, useId, useState } from "react";
import { MAX_TOP_K, MIN_TOP_K } from "@/lib/api/contract";
import type { BrokenModel, ModelSummary } from "@/lib/api/contract";
import { useI18n, type I18n } from "../i18n/use-messages";
import { topKProblem, type TopKProblem } from "./settings";

/** Installed models, each with its native pooling marked. */
export function ModelPicker({
  models,
  broken = [],
  model,
  onModel,
}: {
  models: ModelSummary[];
  /** Installed folders that cannot be read: listed, not choosable, with the reason under the picker. */
  broken?: BrokenModel[];
  model: ModelSummary | undefined;
  onModel: (id: string) => void;
}) {
  const { t } = useI18n();
  return (
    <label className="flex min-w-0 flex-col gap-1">
      <span className="text-sm font-semibold text-slate-700">{t.settings.model}</span>
      <select
        data-testid="model-picker"
        value={model?.id ?? ""}
        onChange={(event) => onModel(event.target.value)}
        className="w-full min-w-0 rounded-md border border-slate-300 bg-white px-2 py-1.5"
      >
        {models.map((m) => (
          <option key={m.id} value={m.id}>
            {t.settings.modelOption(m.id, t.results.poolings[m.nativePooling])}
          </option>
        ))}
        {broken.map((b) => (
          <option key={b.id} value={b.id} disabled>
            {t.settings.cannotBeRead(b.id)}
          </option>
        ))}
      </select>
      {broken.length ? (
        <details data-testid="broken-models" className="text-xs text-red-800">
          <summary className="cursor-pointer">{t.settings.brokenModels(broken.length)}</summary>
          <ul className="mt-1 list-disc pl-4">
            {broken.map((b) => (
              <li key={b.id} className="break-words">
                <strong>{b.id}</strong>: {b.reason}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {model ? (
        <span className="text-xs text-slate-500">
          {model.description} {model.hasQueryPrompt ? t.settings.queryPrompt : ""}
        </span>
      ) : null}
    </label>
  );
}

/** Scores at or above the threshold are green: that is each row's verdict. */
export function ThresholdSlider({ threshold, onThreshold }: { threshold: number; onThreshold: (threshold: number) => void }) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      {/* The label names the slider; the readout is its own element, so a screen reader hears "Threshold, 0.40". */}
      <span className="flex justify-between gap-2 text-sm font-semibold text-slate-700">
        <label htmlFor={id}>{t.settings.threshold}</label>
        <output htmlFor={id} data-testid="threshold-value" className="tabular-nums">{threshold.toFixed(2)}</output>
      </span>
      <input
        id={id}
        type="range"
        min={0}
        max={1}
        step={0.01}
        value={threshold}
        data-testid="threshold-slider"
        aria-valuetext={t.settings.thresholdValue(threshold.toFixed(2))}
        aria-describedby={`${id}-help`}
        onChange={(event) => onThreshold(Number(event.target.value))}
        className="w-full min-w-0 accent-emerald-600"
      />
      <span id={`${id}-help`} className="text-xs text-slate-600">{t.settings.thresholdHelp}</span>
    </div>
  );
}

function topKMessage(problem: TopKProblem, text: string, topK: number, { t }: I18n): string {
  const what = problem === "empty" ? t.settings.topKEmpty : problem === "not-whole" ? t.settings.topKNotWhole(text) : t.settings.topKOutOfRange(text);
  return `${what} ${t.settings.topKRange(MIN_TOP_K, MAX_TOP_K)} ${t.settings.topKKeeps(topK)}`;
}

/**
 * How many hits to show per pooling. A plain number field: it can be cleared and retyped; the search uses the last
 * valid value, and an out-of-range one says so beside the field instead of silently snapping back.
 */
export function TopKInput({ topK, onTopK }: { topK: number; onTopK: (topK: number) => void }) {
  const i18n = useI18n();
  const id = useId();
  const [text, setText] = useState(String(topK));
  const problem = topKProblem(text);
  // A new value from outside (a reload, a reset) replaces what is typed, unless it is the same number.
  useEffect(() => setText((current) => (Number(current) === topK ? current : String(topK))), [topK]);
  return (
    <div className="flex flex-col gap-1">
      <span className="flex items-center justify-between gap-2">
        <label htmlFor={id} className="text-sm font-semibold text-slate-700">{i18n.t.settings.topK}</label>
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={MIN_TOP_K}
          max={MAX_TOP_K}
          step={1}
          value={text}
          data-testid="top-k"
          aria-invalid={problem !== null}
          aria-describedby={problem ? `${id}-problem` : undefined}
          onChange={(event) => {
            setText(event.target.value);
            if (topKProblem(event.target.value) === null) onTopK(Number(event.target.value));
          }}
          className="w-20 rounded-md border border-slate-300 bg-white px-2 py-1 text-right aria-invalid:border-red-700"
        />
      </span>
      <p id={`${id}-problem`} data-testid="top-k-problem" aria-live="polite" className="text-xs text-red-800 empty:hidden">
        {problem ? topKMessage(problem, text, topK, i18n) : ""}
      </p>
    </div>
  );
}
