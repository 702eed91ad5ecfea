"use client";

import type { SearchResponse } from "@/lib/api/contract";
import type { Pooling } from "@/lib/pooling/strategies";
import { useI18n, type I18n } from "../i18n/use-messages";

/** "Layer 6 (last) · no correction · float32": what a result's scores come from, in the interface language. */
export function variantText(variant: SearchResponse["variant"], { t }: Pick<I18n, "t">): string {
  const n = variant.lastLayer;
  const layer =
    variant.layer === "first_last" ? t.variant.firstLast(n) : variant.layer === "last_two" ? t.variant.lastTwo(n) : t.variant.layerNumber(Number(variant.layer), n);
  const correction = variant.correction === "none" ? t.variant.noCorrection : t.variant.corrections[variant.correction];
  return t.variant.label(layer, correction, variant.precision);
}

const kib = (bytes: number) => (bytes < 10_240 ? `${bytes} B` : `${Math.round(bytes / 1024)} KiB`);

/** The label over every result, and for a reduced precision how far it is from float32 on this search. */
export function VariantLabel({ response, pooling }: { response: SearchResponse; pooling: Pooling }) {
  const i18n = useI18n();
  if (!response.variant) return null; // an answer kept from before labels existed
  const check = response.precisionCheck?.[pooling];
  return (
    <p data-testid="variant-label" data-layer={response.variant.layer} data-correction={response.variant.correction} data-precision={response.variant.precision} className="text-xs text-slate-600">
      {variantText(response.variant, i18n)}
      {check ? (
        <span data-testid="precision-check" className="block">
          {i18n.t.variant.check(`${Math.round(check.overlap * 100)}%`, check.scoreError.toFixed(3), kib(check.totalBytes), kib(check.float32Bytes))}
        </span>
      ) : null}
    </p>
  );
}
