"use client";

import { CORRECTIONS, type Correction } from "@/lib/pooling/correction-names";
import { PRECISIONS, type Precision } from "@/lib/pooling/precision";
import { useI18n } from "../i18n/use-messages";
import type { RadarSettings } from "./settings";

type VariantSettings = Pick<RadarSettings, "layer" | "correction" | "precision">;

const selectClass = "w-full min-w-0 rounded-md border border-slate-300 bg-white px-2 py-1.5";

/** Layer, correction and precision, folded away: the defaults (last layer, none, float32) are what most want. */
export function VariantControls({ numLayers, value, onChange }: { numLayers: number | undefined; value: VariantSettings; onChange: (patch: Partial<VariantSettings>) => void }) {
  const { t } = useI18n();
  const n = numLayers ?? 0;
  const offDefault = value.layer !== "last" || value.correction !== "none" || value.precision !== "float32";
  return (
    <details data-testid="variant-controls" open={offDefault || undefined} className="rounded-md border border-slate-200 p-2">
      <summary className="cursor-pointer text-sm font-semibold text-slate-700">{t.variant.advanced}</summary>
      <div className="mt-2 flex flex-col gap-3">
        <label className="flex flex-col gap-1 text-sm">
          <span>{t.variant.layer}</span>
          <select data-testid="layer-picker" value={value.layer} onChange={(event) => onChange({ layer: event.target.value })} className={selectClass}>
            <option value="last">{t.variant.layerLast(n)}</option>
            {Array.from({ length: n }, (_, layer) => (
              <option key={layer} value={String(layer)}>
                {t.variant.layerNumber(layer, n)}
              </option>
            ))}
            {n >= 2 ? <option value="first_last">{t.variant.firstLast(n)}</option> : null}
            {n >= 2 ? <option value="last_two">{t.variant.lastTwo(n)}</option> : null}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span>{t.variant.correction}</span>
          <select data-testid="correction-picker" value={value.correction} onChange={(event) => onChange({ correction: event.target.value as Correction })} className={selectClass}>
            {CORRECTIONS.map((c) => (
              <option key={c} value={c}>
                {t.variant.corrections[c]}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm">
          <span>{t.variant.precision}</span>
          <select data-testid="precision-picker" value={value.precision} onChange={(event) => onChange({ precision: event.target.value as Precision })} className={selectClass}>
            {PRECISIONS.map((p) => (
              <option key={p} value={p}>
                {t.variant.precisions[p]}
              </option>
            ))}
          </select>
        </label>
        <p className="text-xs text-slate-500">{t.variant.help}</p>
      </div>
    </details>
  );
}
