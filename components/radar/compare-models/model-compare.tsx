"use client";

import { useState } from "react";
import type { ModelSummary, Pooling, SearchResponse } from "@/lib/api/contract";
import { isAboveThreshold } from "@/lib/kb/bands";
import { crossRankChange } from "@/lib/kb/cross-rank";
import { POOLINGS } from "@/lib/pooling/strategies";
import { errorText } from "../../i18n/error-text";
import { useI18n } from "../../i18n/use-messages";
import { ExplanationPanel } from "../explain/explanation-panel";
import type { Explanation } from "../explain/use-explanation";
import { ResultRow } from "../result-row";
import { verdictOf } from "../verdict";
import { histogramDomain, ScoreHistogram } from "../score-histogram";
import { useModelCompare } from "./use-model-compare";
import { useCalibration } from "../calibration/use-calibration";

interface Props {
  base: SearchResponse;
  baseModel: ModelSummary;
  models: ModelSummary[];
  entries: string[];
  topK: number;
  threshold: number;
  /** Each row's Why? explains it in its own model's knowledge base, in place under the row. */
  explanation: Explanation;
}

/** Model against model: the same knowledge base and query, two models side by side, with rank changes. */
export function ModelCompare({ base, baseModel, models, entries, topK, threshold, explanation }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const others = models.filter((m) => m.id !== baseModel.id);
  const [otherId, setOtherId] = useState(others[0]?.id ?? "");
  const [pooling, setPooling] = useState<Pooling | "native">("native");
  const { compare, result, progress, error } = useModelCompare();
  const other = others.find((m) => m.id === otherId);
  // Raw scores of two models are not on one scale; each one's percentile against its own unrelated pairs is.
  const calibrations = { [baseModel.id]: useCalibration(baseModel.id, true).calibration, [otherId]: useCalibration(result ? otherId : undefined, true).calibration };
  if (!other) return null;
  const current = result && result.columns[0].response === base && result.columns[1].model.id === otherId;
  const [left, right] = result?.columns ?? [];
  const domain = result ? histogramDomain(result.columns.map((c) => c.response.histograms[c.pooling] ?? []), threshold) : undefined;

  return (
    <section aria-label={t.why.compareTitle} data-testid="model-compare" data-busy={progress !== null} className="flex flex-col gap-3 rounded-lg border border-slate-200 p-3">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-lg font-semibold">{t.why.compareTitle}</h2>
        <label className="flex min-w-0 flex-wrap items-center gap-1 text-sm">
          {t.why.compareAgainst(baseModel.id)}
          <select value={otherId} onChange={(e) => setOtherId(e.target.value)} data-testid="compare-model" className="min-w-0 max-w-full rounded border border-slate-300 bg-white px-1 py-0.5">
            {others.map((m) => (
              <option key={m.id} value={m.id}>
                {m.id}
              </option>
            ))}
          </select>
        </label>
        <label className="flex min-w-0 flex-wrap items-center gap-1 text-sm">
          {t.why.comparePooling}
          <select value={pooling} onChange={(e) => setPooling(e.target.value as Pooling | "native")} data-testid="compare-pooling" className="min-w-0 max-w-full rounded border border-slate-300 bg-white px-1 py-0.5">
            <option value="native">{t.why.compareNative}</option>
            {POOLINGS.map((p) => (
              <option key={p} value={p}>
                {t.why.compareBoth(t.results.poolings[p])}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          data-testid="compare-run"
          disabled={progress !== null}
          onClick={() => void compare({ base, baseModel, other, pooling: pooling === "native" ? null : pooling, entries, topK })}
          className="rounded bg-slate-800 px-3 py-1 text-sm text-white disabled:opacity-50"
        >
          {t.why.compareRun}
        </button>
      </div>
      {progress ? (
        <p className="text-sm text-slate-600" data-testid="compare-progress">
          {t.why.compareProgress(otherId, progress.done, progress.total)}
        </p>
      ) : null}
      {error ? <p role="alert" className="text-sm text-red-700">{errorText(error, i18n)}</p> : null}
      {current && left && right ? (
        <>
          <p className="text-xs text-slate-600">
            {t.why.compareScales}
          </p>
          <div className="grid gap-4 lg:grid-cols-2">
            {[left, right].map((column, i) => {
              const otherColumn = i === 0 ? right : left;
              const hits = column.response.results[column.pooling] ?? [];
              const label = `${column.model.id} · ${t.results.poolings[column.pooling]}${column.pooling === column.model.nativePooling ? t.common.nativeSuffix : ""}`;
              const calibration = calibrations[column.model.id]?.poolings[column.pooling];
              const others = otherColumn.response.results[otherColumn.pooling] ?? [];
              return (
                <section key={column.model.id} data-testid="model-column" data-model={column.model.id} aria-label={t.results.columnLabel(label)} className="flex flex-col gap-2">
                  <h3 className="font-semibold">{label}</h3>
                  <p className="text-xs text-slate-600">
                    {t.why.compareSummary(hits.filter((h) => isAboveThreshold(h.score, threshold)).length, hits.length, threshold.toFixed(2))}
                  </p>
                  <ol className="flex flex-col gap-1.5">
                    {hits.map((hit) => {
                      const origin = `compare:${column.model.id}:${hit.index}`;
                      return (
                        <ResultRow
                          key={hit.index}
                          hit={hit}
                          verdict={verdictOf(hit.score, threshold, calibration)}
                          change={{ change: crossRankChange(hit, others, otherColumn.model.id), otherLabel: otherColumn.model.id, otherTop: others.length }}
                          onExplain={(h, opener) =>
                            explanation.open({ kbId: column.response.kbId, query: column.response.query, index: h.index, poolings: [column.pooling], origin, opener })
                          }
                          explanation={explanation.target?.origin === origin ? <ExplanationPanel explanation={explanation} /> : undefined}
                        />
                      );
                    })}
                  </ol>
                  <ScoreHistogram bins={column.response.histograms[column.pooling] ?? []} threshold={threshold} label={label} domain={domain} />
                </section>
              );
            })}
          </div>
        </>
      ) : null}
    </section>
  );
}
