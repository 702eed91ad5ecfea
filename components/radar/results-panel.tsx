"use client";

import { isAboveThreshold } from "@/lib/kb/bands";
import { overlapCount, rankChange } from "@/lib/kb/rank-diff";
import type { SearchResponse, TruncatedEntry } from "@/lib/api/contract";
import { POOLING_LABELS, type Pooling } from "@/lib/pooling/strategies";
import { ResultRow } from "./result-row";
import { histogramDomain, ScoreHistogram } from "./score-histogram";
import { ColumnNotes, type PanelWhy } from "./explain/panel-why";

interface Props {
  response: SearchResponse;
  /** One pooling, or two side by side. */
  poolings: [Pooling] | [Pooling, Pooling];
  nativePooling: Pooling | undefined;
  threshold: number;
  /** Entries of this knowledge base longer than the model's token window (from its embedding), by entry index. */
  truncated?: readonly TruncatedEntry[];
  /** issue 10: percentile readings, explanations and notes. */
  why?: PanelWhy;
}

export function ResultsPanel({ response, poolings, nativePooling, threshold, truncated = [], why }: Props) {
  const [left, right] = poolings;
  const byIndex = new Map(truncated.map((entry) => [entry.index, entry]));
  const common = { response, nativePooling, threshold, truncated: byIndex, why };
  if (!right) return <RankedColumn {...common} pooling={left} />;
  const shared = overlapCount(response.results[left] ?? [], response.results[right] ?? []);
  // Compared histograms share one x-axis, or the same bar would sit at different places in the two.
  const domain = histogramDomain([response.histograms[left] ?? [], response.histograms[right] ?? []], threshold);
  return (
    <div data-testid="side-by-side">
      <p className="mb-2 text-sm text-slate-600">
        Same query, two poolings. Arrows show how far each entry moved compared to the other column; {shared} of the top{" "}
        {response.results[left]?.length ?? 0} appear in both.
      </p>
      <div className="grid gap-4 lg:grid-cols-2 [&>*]:min-w-0">
        <RankedColumn {...common} pooling={left} other={right} domain={domain} />
        <RankedColumn {...common} pooling={right} other={left} domain={domain} />
      </div>
    </div>
  );
}

function RankedColumn({ response, pooling, other, nativePooling, threshold, truncated, domain, why }: {
  response: SearchResponse;
  pooling: Pooling;
  other?: Pooling;
  nativePooling: Pooling | undefined;
  threshold: number;
  truncated: Map<number, TruncatedEntry>;
  why?: PanelWhy;
  domain?: [number, number];
}) {
  const hits = response.results[pooling] ?? [];
  const green = hits.filter((hit) => isAboveThreshold(hit.score, threshold)).length;
  const label = `${POOLING_LABELS[pooling]}${pooling === nativePooling ? " (native)" : ""}`;
  return (
    <section data-testid="result-column" data-pooling={pooling} className="flex min-w-0 flex-col gap-3" aria-label={`Results, ${label}`}>
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
            truncation={truncated.get(hit.index)}
            why={why ? { reading: why.readingFor(pooling, hit.score), onExplain: (h) => why.onExplain(h.index) } : undefined}
          />
        ))}
      </ol>
      <ScoreHistogram bins={response.histograms[pooling] ?? []} threshold={threshold} label={label} domain={domain} />
    </section>
  );
}
