"use client";

import type { PoolingCalibration, SearchHit } from "@/lib/api/contract";
import type { Pooling } from "@/lib/pooling/strategies";
import { useI18n } from "../i18n/use-messages";
import { disputes } from "./verdict";

/**
 * Notes above a column: a pooling the model was not trained with, and the rows whose calibration disagrees with
 * their colour (said once here, with the model's suggested threshold, instead of on each row).
 */
export function ColumnNotes({ hits, pooling, nativePooling, threshold, calibration }: {
  hits: readonly SearchHit[];
  pooling: Pooling;
  nativePooling: Pooling | undefined;
  threshold: number;
  calibration: PoolingCalibration | undefined;
}) {
  const { t } = useI18n();
  const { green, grey } = disputes(hits.map((hit) => hit.score), threshold, calibration);
  const suggested = calibration?.suggestedThreshold.toFixed(2) ?? "";
  return (
    <>
      {nativePooling && pooling !== nativePooling ? (
        <p data-testid="non-native-note" className="rounded bg-amber-50 px-2 py-1 text-xs text-amber-900">
          {t.results.notNative(t.results.poolings[nativePooling])}
        </p>
      ) : null}
      {green > 0 ? (
        <p data-testid="verdict-note" className="text-xs text-slate-600">
          {t.results.greenDisputed(t.results.rows(green), threshold.toFixed(2), suggested)}
        </p>
      ) : null}
      {grey > 0 ? (
        <p data-testid="verdict-note" className="text-xs text-slate-600">
          {t.results.greyDisputed(t.results.rows(grey), suggested)}
        </p>
      ) : null}
    </>
  );
}
