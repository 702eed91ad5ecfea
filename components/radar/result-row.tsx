"use client";

import type { ReactNode } from "react";
import type { RankChange } from "@/lib/kb/rank-diff";
import type { SearchHit, TruncatedEntry } from "@/lib/api/contract";
import { ordinal } from "../i18n/ordinal";
import { useI18n, type I18n } from "../i18n/use-messages";
import { EntryText } from "./entry-text";
import type { Standing, Verdict } from "./verdict";

const CHANGE_STYLES: Record<RankChange["direction"], string> = {
  up: "text-emerald-700",
  down: "text-red-700",
  same: "text-slate-500",
  new: "text-blue-700",
};

/** A rank change with its words in the interface language (the other column's name, and its length for "new"). */
export interface RowChange {
  change: RankChange;
  otherLabel: string;
  /** Set when "new" means "not in the other list's top N" (model against model) rather than "not ranked". */
  otherTop?: number;
}

interface Props {
  hit: SearchHit;
  verdict: Verdict;
  change?: RowChange;
  /** Set when the entry was longer than the model's token window. */
  truncation?: TruncatedEntry;
  /** "Why?" on this row; absent in presentation mode. */
  onExplain?: (hit: SearchHit, opener: HTMLButtonElement) => void;
  /** The explanation of this row, opened in place under it. */
  explanation?: ReactNode;
  /** Presentation mode: one line of large type, no secondary controls; "pair" when two columns share the width. */
  large?: "single" | "pair";
}

/** One ranked entry: rank, text, score bar; its one verdict is the colour (green: a match), said in words too. */
export function ResultRow(props: Props) {
  return props.large ? <LargeRow {...props} /> : <Row {...props} />;
}

function Row({ hit, verdict, change, truncation, onExplain, explanation }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const { match } = verdict;
  return (
    <li
      data-testid="result-row"
      data-above-threshold={match}
      data-score={hit.score.toFixed(4)}
      className={`grid grid-cols-[2rem_minmax(0,1fr)_auto] items-center gap-x-3 gap-y-1 rounded-md border px-3 py-2 sm:grid-cols-[2.5rem_minmax(0,1fr)_auto] ${
        match ? "border-emerald-500 bg-emerald-50" : "border-slate-200 bg-white"
      }`}
    >
      <span className="text-right text-lg font-bold tabular-nums text-slate-500" data-testid="result-rank">
        {hit.rank}
      </span>
      <EntryText text={hit.text} truncation={truncation} />
      <span className="flex items-center gap-2">
        {change ? <ChangeMark {...change} rank={hit.rank} i18n={i18n} /> : null}
        <VerdictMark match={match} t={t} />
      </span>
      <span aria-hidden />
      <span className="col-span-2 flex items-center gap-2">
        <ScoreBar score={hit.score} match={match} />
        <span className="w-14 text-right font-mono text-sm tabular-nums" data-testid="result-score">
          {hit.score.toFixed(4)}
        </span>
      </span>
      {onExplain ? (
        <>
          <span aria-hidden />
          <span className="col-span-2 flex flex-wrap items-center justify-between gap-2 text-xs text-slate-600">
            <span data-testid="result-standing">{verdict.standing ? standingText(verdict.standing, i18n) : ""}</span>
            <WhyButton hit={hit} onExplain={onExplain} label={t.results.why} accessibleName={t.results.whyLabel(hit.text.slice(0, 60))} />
          </span>
        </>
      ) : null}
      {explanation ? <div className="col-span-3 mt-2">{explanation}</div> : null}
    </li>
  );
}

/**
 * Presentation mode: one line per row (rank, text, bar, score, verdict) in large type, so five rows and more fit a
 * 1280x720 projector. The bar gives way when the column is narrow (two poolings side by side).
 */
function LargeRow({ hit, verdict, change, truncation, large }: Props) {
  const i18n = useI18n();
  const { match } = verdict;
  const pair = large === "pair";
  return (
    <li
      data-testid="result-row"
      data-above-threshold={match}
      data-score={hit.score.toFixed(4)}
      className={`flex items-center gap-3 rounded-md border px-3 py-1 ${pair ? "text-lg" : "text-xl"} ${match ? "border-emerald-500 bg-emerald-50" : "border-slate-200 bg-white"}`}
    >
      <span className="w-8 shrink-0 text-right text-2xl font-bold tabular-nums text-slate-500" data-testid="result-rank">
        {hit.rank}
      </span>
      <span className="min-w-0 flex-1 [&_[data-testid=result-text]]:line-clamp-2">
        <EntryText text={hit.text} truncation={truncation} />
      </span>
      <span className="hidden w-40 shrink-0 @2xl:flex">
        <ScoreBar score={hit.score} match={match} />
      </span>
      <span className="shrink-0 font-mono text-lg tabular-nums" data-testid="result-score">
        {hit.score.toFixed(4)}
      </span>
      {change ? <ChangeMark {...change} rank={hit.rank} i18n={i18n} /> : null}
      <span className={`shrink-0 text-right ${match || !pair ? "w-20" : ""}`}>
        <VerdictMark match={match} t={i18n.t} large />
      </span>
    </li>
  );
}

function VerdictMark({ match, t, large = false }: { match: boolean; t: I18n["t"]; large?: boolean }) {
  return match ? (
    <span data-testid="result-verdict" className={`rounded bg-emerald-700 px-1.5 py-0.5 font-semibold text-white ${large ? "text-base" : "text-xs"}`}>
      {t.results.match}
    </span>
  ) : (
    <span data-testid="result-verdict" className="sr-only">{t.results.belowThreshold}</span>
  );
}

function ScoreBar({ score, match }: { score: number; match: boolean }) {
  return (
    <span className="h-2 flex-1 overflow-hidden rounded-full bg-slate-200" aria-hidden>
      <span className={`block h-full rounded-full ${match ? "bg-emerald-600" : "bg-slate-400"}`} style={{ width: `${Math.max(0, Math.min(1, score)) * 100}%` }} />
    </span>
  );
}

function WhyButton({ hit, onExplain, label, accessibleName }: { hit: SearchHit; onExplain: NonNullable<Props["onExplain"]>; label: string; accessibleName: string }) {
  return (
    <button
      type="button"
      data-testid="explain-button"
      aria-label={accessibleName}
      onClick={(event) => onExplain(hit, event.currentTarget)}
      className="rounded border border-slate-300 px-2 py-0.5 font-medium text-slate-700 hover:bg-slate-100"
    >
      {label}
    </button>
  );
}

/** The calibration's reading of a score, in words that agree with the row's verdict (see verdict.ts). */
export function standingText(standing: Standing, { t, locale }: I18n): string {
  if (standing.kind === "above-every-pair") return t.results.aboveEveryPair;
  if (standing.kind === "above") return t.results.above(standing.percent);
  return t.results.within(ordinal(standing.percentile, locale));
}

function ChangeMark({ change, otherLabel, otherTop, rank, i18n }: RowChange & { rank: number; i18n: I18n }) {
  const { t } = i18n;
  const description =
    change.direction === "new"
      ? otherTop !== undefined
        ? t.results.rankNotInTop(otherTop, otherLabel)
        : t.results.rankNotRanked(otherLabel)
      : change.direction === "same"
        ? t.results.rankSame(otherLabel)
        : t.results.rankMoved(change.delta > 0, Math.abs(change.delta), rank + change.delta, otherLabel);
  return (
    <span data-testid="rank-change" title={description} className={`text-sm font-semibold tabular-nums ${CHANGE_STYLES[change.direction]}`}>
      {change.direction === "new" ? t.results.rankNew : change.label}
      <span className="sr-only"> ({description})</span>
    </span>
  );
}
