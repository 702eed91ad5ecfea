"use client";

import { isAboveThreshold } from "@/lib/kb/bands";
import { overlapCount, rankChange } from "@/lib/kb/rank-diff";
import type { SearchResponse } from "@/lib/api/contract";
import { POOLING_LABELS, type Pooling } from "@/lib/pooling/strategies";
import { ResultRow } from "./result-row";
import { ScoreHistogram } from "./score-histogram";
import { ColumnNotes, sharedDomain, type PanelWhy } from "./explain/panel-why";

interface Props {
  response: SearchResponse;
  /** One pooling, or two side by side. */
  poolings: [Pooling] | [Pooling, Pooling];
  nativePooling: Pooling | undefined;
  threshold: number;
  /** issue 10: percentile readings, explanations and notes. */
  why?: PanelWhy;
}

export function ResultsPanel({ response, poolings, nativePooling, threshold, why }: Props) {
  const [left, right] = poolings;
  if (!right) return <RankedColumn response={response} pooling={left} nativePooling={nativePooling} threshold={threshold} why={why} />;
  const domain = sharedDomain(response, poolings);
  const shared = overlapCount(response.results[left] ?? [], response.results[right] ?? []);
  return (
    <div data-testid="side-by-side">
      <p className="mb-2 text-sm text-slate-600">
        Same query, two poolings. Arrows show how far each entry moved compared to the other column; {shared} of the top{" "}
        {response.results[left]?.length ?? 0} appear in both.
      </p>
      <div className="grid gap-4 lg:grid-cols-2">
        <RankedColumn response={response} pooling={left} other={right} nativePooling={nativePooling} threshold={threshold} why={why} domain={domain} />
        <RankedColumn response={response} pooling={right} other={left} nativePooling={nativePooling} threshold={threshold} why={why} domain={domain} />
      </div>
    </div>
  );
}

function RankedColumn({ response, pooling, other, nativePooling, threshold, why, domain }: {
  response: SearchResponse;
  pooling: Pooling;
  other?: Pooling;
  nativePooling: Pooling | undefined;
  threshold: number;
  why?: PanelWhy;
  domain?: [number, number];
}) {
  const hits = response.results[pooling] ?? [];
  const green = hits.filter((hit) => isAboveThreshold(hit.score, threshold)).length;
  const label = `${POOLING_LABELS[pooling]}${pooling === nativePooling ? " (native)" : ""}`;
  return (
    <section data-testid="result-column" data-pooling={pooling} className="flex flex-col gap-3" aria-label={`Results, ${label}`}>
      <h2 className="flex flex-wrap items-baseline justify-between gap-2 text-lg font-semibold">
        <span>{label}</span>
        <span className="text-sm font-normal text-slate-600" data-testid="result-summary">
          {green} of {hits.length} at or above {threshold.toFixed(2)} · {response.count.toLocaleString("en")} entries searched
        </span>
      </h2>
      {why ? <ColumnNotes hits={hits} pooling={pooling} nativePooling={nativePooling} threshold={threshold} /> : null}
      <ol className="flex flex-col gap-1.5" data-testid="result-list">
        {hits.map((hit) => (
          <ResultRow
            key={hit.index}
            hit={hit}
            threshold={threshold}
            change={other ? rankChange(hit, other, POOLING_LABELS[other]) : undefined}
            why={why ? { reading: why.readingFor(pooling, hit.score), onExplain: (h) => why.onExplain(h.index) } : undefined}
          />
        ))}
      </ol>
      <ScoreHistogram bins={response.histograms[pooling] ?? []} threshold={threshold} label={label} domain={domain} />
    </section>
  );
}
