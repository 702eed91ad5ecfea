"use client";

import { useId } from "react";
import type { Matryoshka } from "@/lib/api/contract";
import { useI18n } from "../i18n/use-messages";

/**
 * The Matryoshka cut to rank on, for a model whose card declares one (the sidebar shows it only then): the full
 * size, or its first d dimensions, renormalized. The change re-ranks the same vectors: nothing is embedded again.
 */
export function DimensionsControl({ matryoshka, full, dimensions, onDimensions }: {
  matryoshka: Matryoshka;
  full: number;
  /** undefined: every dimension. */
  dimensions: number | undefined;
  onDimensions: (dimensions: number | null) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const cuts = matryoshka.sizes.filter((size) => size < full);
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-semibold text-slate-700">{t.settings.cut}</label>
      <select
        id={id}
        data-testid="dimensions"
        value={dimensions ?? full}
        aria-describedby={`${id}-help`}
        onChange={(event) => {
          const value = Number(event.target.value);
          onDimensions(value >= full ? null : value);
        }}
        className="w-full min-w-0 rounded-md border border-slate-300 bg-white px-2 py-1.5"
      >
        <option value={full}>{t.settings.cutFull(full)}</option>
        {[...cuts].reverse().map((size) => (
          <option key={size} value={size}>{t.settings.cutOption(size, full)}</option>
        ))}
      </select>
      <span id={`${id}-help`} className="text-xs text-slate-600">{t.settings.cutHelp(matryoshka.min)}</span>
    </div>
  );
}
