"use client";

import type { ReactNode } from "react";
import { isAboveThreshold } from "@/lib/kb/bands";
import { overlapCount, rankChange } from "@/lib/kb/rank-diff";
import type { PoolingCalibration, SearchResponse, TruncatedEntry } from "@/lib/api/contract";
import type { Pooling } from "@/lib/pooling/strategies";
import { useI18n } from "../i18n/use-messages";
import { ColumnNotes } from "./column-notes";
import { ExplanationPanel } from "./explain/explanation-panel";
import { rowOrigin, type Explanation } from "./explain/use-explanation";
import { ResultRow } from "./result-row";
import { explainVariant } from "./settings";
import { VariantLabel } from "./variant-label";
import { histogramDomain, ScoreHistogram } from "./score-histogram";
import { verdictOf } from "./verdict";

interface Props {
  response: SearchResponse;
  /** One pooling, or two side by side. */
  poolings: [Pooling] | [Pooling, Pooling];
  nativePooling: Pooling | undefined;
  threshold: number;
  /** Entries of this knowledge base longer than the model's token window (from its embedding), by entry index. */
  truncated?: readonly TruncatedEntry[];
  /** The model's calibration per pooling, once it is in: the rows' secondary text (verdict.ts). */
  calibrationFor?: (pooling: Pooling) => PoolingCalibration | undefined;
  /** Why?: explanations open in place under their row. Absent in presentation mode. */
  explanation?: Explanation;
  /** Presentation mode: large rows, no notes, no histogram. */
  large?: boolean;
  /** A third column beside the two poolings (the keyword column). */
  extra?: ReactNode;
}

export function ResultsPanel(props: Props) {
  const { t, n } = useI18n();
  const cut = props.response.dimensions;
  if (!cut) return <Columns {...props} />;
  return (
    <div className="flex flex-col gap-2">
      <p data-testid="dimensions-note" className="text-sm text-slate-600">{t.results.cutNote(n(cut.used), n(cut.of))}</p>
      {/* Explanations decompose the full-size cosine: they would not add up to a cut's score. */}
      <Columns {...props} explanation={undefined} />
    </div>
  );
}

function Columns({ response, poolings, truncated = [], extra, ...rest }: Props) {
  const { t, n } = useI18n();
  const [left, right] = poolings;
  const common = { response, truncated: new Map(truncated.map((entry) => [entry.index, entry])), ...rest };
  if (!right) return <RankedColumn {...common} pooling={left} poolings={poolings} />;
  const shared = overlapCount(response.results[left] ?? [], response.results[right] ?? []);
  // Compared histograms share one x-axis, or the same bar would sit at different places in the two.
  const domain = histogramDomain([response.histograms[left] ?? [], response.histograms[right] ?? []], rest.threshold);
  return (
    <div data-testid="side-by-side">
      {rest.large ? null : <p className="mb-2 text-sm text-slate-600">{t.results.sideBySide(n(shared), n(response.results[left]?.length ?? 0))}</p>}
      <div className={`grid gap-4 lg:grid-cols-2 [&>*]:min-w-0 ${extra ? "2xl:grid-cols-3" : ""}`}>
        <RankedColumn {...common} pooling={left} other={right} domain={domain} poolings={poolings} />
        <RankedColumn {...common} pooling={right} other={left} domain={domain} poolings={poolings} />
        {extra}
      </div>
    </div>
  );
}

type ColumnProps = Omit<Props, "truncated" | "poolings"> & {
  pooling: Pooling;
  poolings: Pooling[];
  other?: Pooling;
  truncated: Map<number, TruncatedEntry>;
  domain?: [number, number];
};

function RankedColumn({ response, pooling, poolings, other, nativePooling, threshold, truncated, domain, calibrationFor, explanation, large }: ColumnProps) {
  const { t, n } = useI18n();
  const hits = response.results[pooling] ?? [];
  const green = hits.filter((hit) => isAboveThreshold(hit.score, threshold)).length;
  const label = `${t.results.poolings[pooling]}${pooling === nativePooling ? t.common.nativeSuffix : ""}`;
  const calibration = calibrationFor?.(pooling);
  return (
    <section data-testid="result-column" data-pooling={pooling} className="flex min-w-0 flex-col gap-3" aria-label={t.results.columnLabel(label)}>
      <h2 className={`flex items-baseline justify-between gap-2 font-semibold ${large ? "text-xl" : "flex-wrap text-lg"}`}>
        <span className="shrink-0">{label}</span>
        <span className={`min-w-0 text-sm font-normal text-slate-600 ${large ? "truncate" : ""}`} data-testid="result-summary">
          {t.results.summary(n(green), n(hits.length), threshold.toFixed(2), n(response.count))}
        </span>
      </h2>
      <VariantLabel response={response} pooling={pooling} />
      {large ? null : <ColumnNotes hits={hits} pooling={pooling} nativePooling={nativePooling} threshold={threshold} calibration={calibration} />}
      <ol className={`@container flex flex-col ${large ? "gap-1" : "gap-1.5"}`} data-testid="result-list">
        {hits.map((hit) => {
          const origin = rowOrigin(pooling, hit.index);
          return (
            <ResultRow
              key={hit.index}
              hit={hit}
              large={large ? (other ? "pair" : "single") : undefined}
              verdict={verdictOf(hit.score, threshold, calibration)}
              change={other ? { change: rankChange(hit, other), otherLabel: t.results.poolings[other] } : undefined}
              truncation={truncated.get(hit.index)}
              onExplain={
                // Why? explains float32 scores at the search's layer and correction; int8 or binary scores are other numbers.
                explanation && (response.variant?.precision ?? "float32") === "float32"
                  ? (h, opener) => explanation.open({ kbId: response.kbId, query: response.query, index: h.index, poolings, origin, opener, variant: explainVariant(response.variant) })
                  : undefined
              }
              explanation={explanation?.target?.origin === origin ? <ExplanationPanel explanation={explanation} /> : undefined}
            />
          );
        })}
      </ol>
      {large ? null : <ScoreHistogram bins={response.histograms[pooling] ?? []} threshold={threshold} label={label} domain={domain} />}
    </section>
  );
}
