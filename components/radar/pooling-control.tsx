"use client";

import type { ModelSummary } from "@/lib/api/contract";
import type { Pooling } from "@/lib/pooling/strategies";
import { useI18n } from "../i18n/use-messages";
import { NativeBadge } from "../native-badge";
import { firstTokenNote, poolingLabel, viewLabel } from "./pooling-labels";
import { VIEWS, type View } from "./settings";

type Architecture = ModelSummary["architecture"] | undefined;

/**
 * CLS | Mean | Last token | Side by side, right above the results (one tap on a phone), as native radio buttons
 * (arrow keys move between them).
 */
export function PoolingBar({ view, nativePooling, architecture, onView, large = false }: {
  view: View;
  nativePooling: Pooling | undefined;
  architecture?: Architecture;
  onView: (view: View) => void;
  large?: boolean;
}) {
  const { t } = useI18n();
  const note = view === "cls" ? firstTokenNote(t, ["cls"], architecture) : undefined;
  return (
    <fieldset data-testid="pooling-control" className="min-w-0">
      <legend className="sr-only">{t.results.poolingLegend}</legend>
      <div className="flex flex-wrap gap-1">
        {VIEWS.map((option) => (
          <label
            key={option}
            className={`flex cursor-pointer items-center justify-center gap-1 rounded-md border border-slate-300 bg-white px-2.5 font-medium has-checked:border-slate-900 has-checked:bg-slate-900 has-checked:text-white has-focus-visible:outline-3 has-focus-visible:outline-blue-600 py-1 ${
              large ? "text-lg" : "text-sm"
            }`}
          >
            <input
              type="radio"
              name="pooling"
              value={option}
              checked={view === option}
              onChange={() => onView(option)}
              className="sr-only"
              data-testid={`pooling-${option}`}
            />
            {viewLabel(t, option, architecture)}
            {option === nativePooling ? <NativeBadge tone="emerald" /> : null}
          </label>
        ))}
      </div>
      {note ? (
        <p className="mt-1 max-w-prose text-xs text-amber-900" data-testid="first-token-note">
          {note}
        </p>
      ) : null}
    </fieldset>
  );
}

/** The two poolings compared side by side (in the settings, shown while side by side is on). */
export function CompareColumns({ compare, nativePooling, architecture, poolings, onCompare }: {
  compare: [Pooling, Pooling];
  nativePooling: Pooling | undefined;
  architecture?: Architecture;
  poolings: readonly Pooling[];
  onCompare: (compare: [Pooling, Pooling]) => void;
}) {
  const { t } = useI18n();
  return (
    <div className="grid grid-cols-2 gap-1 text-sm">
      {[0, 1].map((side) => (
        <label key={side} className="flex min-w-0 flex-col gap-0.5">
          <span className="text-xs text-slate-500">{side === 0 ? t.settings.leftColumn : t.settings.rightColumn}</span>
          <select
            value={compare[side]}
            data-testid={`compare-${side === 0 ? "left" : "right"}`}
            onChange={(event) => {
              const next: [Pooling, Pooling] = [...compare];
              next[side] = event.target.value as Pooling;
              onCompare(next);
            }}
            className="w-full min-w-0 rounded-md border border-slate-300 bg-white px-1 py-1"
          >
            {poolings.map((pooling) => (
              <option key={pooling} value={pooling}>
                {poolingLabel(t, pooling, architecture)}
                {pooling === nativePooling ? t.common.nativeSuffix : ""}
              </option>
            ))}
          </select>
        </label>
      ))}
    </div>
  );
}
