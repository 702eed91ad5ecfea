"use client";

import type { SearchHit } from "@/lib/api/contract";

/** What a result row adds for issue 10: the score read against random pairs, and a button to explain it. */
export interface RowWhy {
  /** "above 99% of unrelated pairs", once the model's calibration is in. */
  reading?: string;
  onExplain: (hit: SearchHit) => void;
}

export function RowWhyLine({ hit, why }: { hit: SearchHit; why: RowWhy }) {
  return (
    <>
      <span aria-hidden />
      <span className="col-span-2 flex flex-wrap items-center justify-between gap-2 text-xs text-slate-600">
        <span data-testid="result-percentile">{why.reading ?? ""}</span>
        <button
          type="button"
          data-testid="explain-button"
          aria-label={`Why this score: ${hit.text.slice(0, 60)}`}
          onClick={() => why.onExplain(hit)}
          className="rounded border border-slate-300 px-2 py-0.5 font-medium text-slate-700 hover:bg-slate-100"
        >
          Why?
        </button>
      </span>
    </>
  );
}
