"use client";

import { useState } from "react";
import type { ModelSummary, Pooling, SearchResponse } from "@/lib/api/contract";
import { isAboveThreshold } from "@/lib/kb/bands";
import { crossRankChange } from "@/lib/kb/cross-rank";
import { POOLINGS, POOLING_LABELS } from "@/lib/pooling/strategies";
import { ResultRow } from "../result-row";
import { histogramDomain, ScoreHistogram } from "../score-histogram";
import { useModelCompare } from "./use-model-compare";
import { useCalibration } from "../calibration/use-calibration";
import { percentileReading } from "../calibration/reading";

interface Props {
  base: SearchResponse;
  baseModel: ModelSummary;
  models: ModelSummary[];
  entries: string[];
  topK: number;
  threshold: number;
  /** Opens the token explanation of one entry in one knowledge base (each model has its own). */
  onExplain: (kbId: string, query: string, index: number, pooling: Pooling) => void;
}

/** Model against model: the same knowledge base and query, two models side by side, with rank changes. */
export function ModelCompare({ base, baseModel, models, entries, topK, threshold, onExplain }: Props) {
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
    <section aria-label="Model against model" data-testid="model-compare" data-busy={progress !== null} className="flex flex-col gap-3 rounded-lg border border-slate-200 p-3">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-lg font-semibold">Model against model</h2>
        <label className="flex items-center gap-1 text-sm">
          {baseModel.id} against
          <select value={otherId} onChange={(e) => setOtherId(e.target.value)} data-testid="compare-model" className="rounded border border-slate-300 bg-white px-1 py-0.5">
            {others.map((m) => (
              <option key={m.id} value={m.id}>
                {m.id}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1 text-sm">
          pooling
          <select value={pooling} onChange={(e) => setPooling(e.target.value as Pooling | "native")} data-testid="compare-pooling" className="rounded border border-slate-300 bg-white px-1 py-0.5">
            <option value="native">each model&apos;s native</option>
            {POOLINGS.map((p) => (
              <option key={p} value={p}>
                {POOLING_LABELS[p]} for both
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
          Compare
        </button>
      </div>
      {progress ? (
        <p className="text-sm text-slate-600" data-testid="compare-progress">
          Embedding the knowledge base with {otherId}: {progress.done} of {progress.total}…
        </p>
      ) : null}
      {error ? <p role="alert" className="text-sm text-red-700">{error.message}</p> : null}
      {current && left && right ? (
        <>
          <p className="text-xs text-slate-600">
            Scores of two models sit on different scales: compare ranks, or each score&apos;s percentile against that model&apos;s unrelated pairs, not the raw numbers.
          </p>
          <div className="grid gap-4 lg:grid-cols-2">
            {[left, right].map((column, i) => {
              const otherColumn = i === 0 ? right : left;
              const hits = column.response.results[column.pooling] ?? [];
              const label = `${column.model.id} · ${POOLING_LABELS[column.pooling]}${column.pooling === column.model.nativePooling ? " (native)" : ""}`;
              return (
                <section key={column.model.id} data-testid="model-column" data-model={column.model.id} aria-label={`Results, ${label}`} className="flex flex-col gap-2">
                  <h3 className="font-semibold">{label}</h3>
                  <p className="text-xs text-slate-600">
                    {hits.filter((h) => isAboveThreshold(h.score, threshold)).length} of {hits.length} at or above {threshold.toFixed(2)}
                  </p>
                  <ol className="flex flex-col gap-1.5">
                    {hits.map((hit) => (
                      <ResultRow
                        key={hit.index}
                        hit={hit}
                        threshold={threshold}
                        change={crossRankChange(hit, otherColumn.response.results[otherColumn.pooling] ?? [], otherColumn.model.id)}
                        why={{
                          reading: percentileReading(hit.score, calibrations[column.model.id]?.poolings[column.pooling]),
                          onExplain: (h) => onExplain(column.response.kbId, column.response.query, h.index, column.pooling),
                        }}
                      />
                    ))}
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
