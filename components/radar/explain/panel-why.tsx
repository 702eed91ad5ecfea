"use client";

import type { SearchHit } from "@/lib/api/contract";
import { bandOf, isAboveThreshold } from "@/lib/kb/bands";
import type { Pooling } from "@/lib/pooling/strategies";

/** What the results panel takes for issue 10. */
export interface PanelWhy {
  readingFor: (pooling: Pooling, score: number) => string | undefined;
  onExplain: (index: number) => void;
}

/** Rows whose band (the article's, from Qwen3-Embedding-4B) and colour (your threshold) disagree. */
export function contradictions(hits: readonly SearchHit[], threshold: number): { greenButWeak: number; strongButGrey: number } {
  let greenButWeak = 0;
  let strongButGrey = 0;
  for (const hit of hits) {
    const band = bandOf(hit.score);
    const green = isAboveThreshold(hit.score, threshold);
    if (green && (band === "weak" || band === "unrelated")) greenButWeak++;
    if (!green && (band === "high" || band === "medium")) strongButGrey++;
  }
  return { greenButWeak, strongButGrey };
}

/** Notes above a column: a pooling the model was not trained with, and bands that disagree with the colour. */
export function ColumnNotes({ hits, pooling, nativePooling, threshold }: { hits: readonly SearchHit[]; pooling: Pooling; nativePooling: Pooling | undefined; threshold: number }) {
  const { greenButWeak, strongButGrey } = contradictions(hits, threshold);
  return (
    <>
      {nativePooling && pooling !== nativePooling ? (
        <p data-testid="non-native-note" className="rounded bg-amber-50 px-2 py-1 text-xs text-amber-900">
          Not how this model was trained (it was trained with {nativePooling} pooling): scores sit on another scale, see its calibration.
        </p>
      ) : null}
      {greenButWeak + strongButGrey > 0 ? (
        <p data-testid="band-note" className="text-xs text-slate-600">
          Bands and colour disagree on {greenButWeak + strongButGrey} row{greenButWeak + strongButGrey === 1 ? "" : "s"}: the band labels come from Qwen3-Embedding-4B, green
          comes from your threshold {threshold.toFixed(2)}. The percentile under each score says how it compares with unrelated pairs on this model.
        </p>
      ) : null}
    </>
  );
}
