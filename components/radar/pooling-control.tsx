"use client";

import type { Pooling } from "@/lib/pooling/strategies";
import { POOLING_LABELS } from "@/lib/pooling/strategies";
import type { View } from "./settings";
import { NativeBadge } from "../native-badge";

const VIEW_LABELS: Record<View, string> = { cls: "CLS", mean: "Mean", last_token: "Last token", side_by_side: "Side by side" };

interface Props {
  view: View;
  nativePooling: Pooling | undefined;
  compare: [Pooling, Pooling];
  poolings: readonly Pooling[];
  onView: (view: View) => void;
  onCompare: (compare: [Pooling, Pooling]) => void;
}

/** CLS | Mean | Last token | Side by side, as native radio buttons (arrow keys move between them). */
export function PoolingControl({ view, nativePooling, compare, poolings, onView, onCompare }: Props) {
  return (
    <fieldset data-testid="pooling-control">
      <legend className="mb-1 text-sm font-semibold text-slate-700">Pooling</legend>
      <div className="grid grid-cols-2 gap-1">
        {(Object.keys(VIEW_LABELS) as View[]).map((option) => (
          <label
            key={option}
            className="flex cursor-pointer items-center justify-center gap-1 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm font-medium has-checked:border-slate-900 has-checked:bg-slate-900 has-checked:text-white has-focus-visible:outline-3 has-focus-visible:outline-blue-600"
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
            {VIEW_LABELS[option]}
            {option === nativePooling ? <NativeBadge tone="emerald" /> : null}
          </label>
        ))}
      </div>
      {view === "side_by_side" ? (
        <div className="mt-2 grid grid-cols-2 gap-1 text-sm">
          {[0, 1].map((side) => (
            <label key={side} className="flex flex-col gap-0.5">
              <span className="text-xs text-slate-500">{side === 0 ? "Left column" : "Right column"}</span>
              <select
                value={compare[side]}
                data-testid={`compare-${side === 0 ? "left" : "right"}`}
                onChange={(event) => {
                  const next: [Pooling, Pooling] = [...compare];
                  next[side] = event.target.value as Pooling;
                  onCompare(next);
                }}
                className="rounded-md border border-slate-300 bg-white px-1 py-1"
              >
                {poolings.map((pooling) => (
                  <option key={pooling} value={pooling}>
                    {POOLING_LABELS[pooling]}
                    {pooling === nativePooling ? " (native)" : ""}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </div>
      ) : null}
    </fieldset>
  );
}
