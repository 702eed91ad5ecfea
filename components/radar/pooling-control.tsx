"use client";

import type { Pooling } from "@/lib/pooling/strategies";
import { useI18n } from "../i18n/use-messages";
import { NativeBadge } from "../native-badge";
import { VIEWS, type View } from "./settings";

/**
 * CLS | Mean | Last token | Side by side, right above the results (one tap on a phone), as native radio buttons
 * (arrow keys move between them).
 */
export function PoolingBar({ view, nativePooling, onView, large = false }: { view: View; nativePooling: Pooling | undefined; onView: (view: View) => void; large?: boolean }) {
  const { t } = useI18n();
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
            {t.results.views[option]}
            {option === nativePooling ? <NativeBadge tone="emerald" /> : null}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** The two poolings compared side by side (in the settings, shown while side by side is on). */
export function CompareColumns({ compare, nativePooling, poolings, onCompare }: {
  compare: [Pooling, Pooling];
  nativePooling: Pooling | undefined;
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
                {t.results.poolings[pooling]}
                {pooling === nativePooling ? t.common.nativeSuffix : ""}
              </option>
            ))}
          </select>
        </label>
      ))}
    </div>
  );
}
