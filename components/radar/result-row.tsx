"use client";

import { bandOf, isAboveThreshold, type Band } from "@/lib/kb/bands";
import type { RankChange } from "@/lib/kb/rank-diff";
import type { SearchHit, TruncatedEntry } from "@/lib/api/contract";
import { EntryText } from "./entry-text";
import { RowWhyLine, type RowWhy } from "./explain/row-why";

const BAND_STYLES: Record<Band, string> = {
  high: "bg-emerald-700 text-white",
  medium: "bg-emerald-200 text-emerald-900",
  weak: "bg-amber-100 text-amber-900",
  unrelated: "bg-slate-200 text-slate-700",
};

const CHANGE_STYLES: Record<RankChange["direction"], string> = {
  up: "text-emerald-700",
  down: "text-red-700",
  same: "text-slate-500",
  new: "text-blue-700",
};

/** One ranked entry: rank, text, score bar, band label; green when at or above the threshold. */
export function ResultRow({ hit, threshold, change, truncation, why }: {
  hit: SearchHit;
  threshold: number;
  change?: RankChange;
  /** Set when the entry was longer than the model's token window. */
  truncation?: TruncatedEntry;
  /** issue 10: the score's percentile against random pairs, and "Why?". */
  why?: RowWhy;
}) {
  const above = isAboveThreshold(hit.score, threshold);
  const band = bandOf(hit.score);
  return (
    <li
      data-testid="result-row"
      data-above-threshold={above}
      data-band={band}
      data-score={hit.score.toFixed(4)}
      className={`grid grid-cols-[2rem_minmax(0,1fr)_auto] items-center sm:grid-cols-[2.5rem_minmax(0,1fr)_auto] gap-x-3 gap-y-1 rounded-md border px-3 py-2 ${
        above ? "border-emerald-500 bg-emerald-50" : "border-slate-200 bg-white"
      }`}
    >
      <span className="text-right text-lg font-bold tabular-nums text-slate-500" data-testid="result-rank">
        {hit.rank}
      </span>
      <EntryText text={hit.text} truncation={truncation} />
      <span className="flex items-center gap-2">
        {change ? (
          <span data-testid="rank-change" title={change.description} className={`text-sm font-semibold tabular-nums ${CHANGE_STYLES[change.direction]}`}>
            {change.label}
            <span className="sr-only"> ({change.description})</span>
          </span>
        ) : null}
        <span data-testid="result-band" className={`rounded px-1.5 py-0.5 text-xs font-semibold ${BAND_STYLES[band]}`}>
          {band}
        </span>
      </span>
      <span aria-hidden />
      <span className="col-span-2 flex items-center gap-2">
        <span className="h-2 flex-1 overflow-hidden rounded-full bg-slate-200" aria-hidden>
          <span
            className={`block h-full rounded-full ${above ? "bg-emerald-600" : "bg-slate-400"}`}
            style={{ width: `${Math.max(0, Math.min(1, hit.score)) * 100}%` }}
          />
        </span>
        <span className="w-14 text-right font-mono text-sm tabular-nums" data-testid="result-score">
          {hit.score.toFixed(4)}
        </span>
      </span>
      {/* issue 10 (why): the score against random pairs, and the token explanation */}
      {why ? <RowWhyLine hit={hit} why={why} /> : null}
    </li>
  );
}
