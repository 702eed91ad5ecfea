"use client";

import { useEffect, useRef } from "react";
import type { ExplainResponse } from "@/lib/api/contract";
import type { AppError } from "@/lib/errors";
import { POOLING_LABELS } from "@/lib/pooling/strategies";
import { heatScale } from "./heat";
import { HeatLegend, TokenHeatmap } from "./token-heatmap";

interface Props {
  results: ExplainResponse[];
  loading: boolean;
  error: AppError | null;
  onClose: () => void;
}

const METHOD_NAMES = { "exact-mean": "exact decomposition", "leave-one-out": "leave-one-out" } as const;

/** Why a result scored what it did: both texts as token heatmaps, one column per pooling shown, one colour scale. */
export function ExplanationPanel({ results, loading, error, onClose }: Props) {
  const panel = useRef<HTMLElement>(null);
  // Opened from a row far below (the map, model against model): bring it into view.
  useEffect(() => {
    panel.current?.scrollIntoView?.({ block: "nearest" });
  }, [loading]);
  const scale = heatScale(results.flatMap((r) => [...r.query.tokens, ...r.entry.tokens].map((t) => t.contribution)));
  return (
    <section
      ref={panel}
      role="region"
      aria-label="Why this score"
      data-testid="explanation"
      data-busy={loading}
      className="flex flex-col gap-3 rounded-lg border border-slate-300 bg-white p-4"
    >
      <header className="flex items-center justify-between gap-2">
        <h2 className="text-lg font-semibold">Why this score</h2>
        <button type="button" onClick={onClose} data-testid="explanation-close" className="rounded border border-slate-300 px-2 py-0.5 text-sm">
          Close
        </button>
      </header>
      {loading ? <p className="text-sm text-slate-600">Measuring each token's part in the score…</p> : null}
      {error ? <p className="text-sm text-red-700" role="alert">{error.message}</p> : null}
      {results.length > 0 ? <HeatLegend scale={scale} /> : null}
      <div className={`grid gap-4 ${results.length > 1 ? "lg:grid-cols-2" : ""}`}>
        {results.map((result) => (
          <article key={result.pooling} data-testid="explanation-column" data-pooling={result.pooling} data-method={result.method} className="flex flex-col gap-3">
            <h3 className="font-semibold">
              {POOLING_LABELS[result.pooling]} · score <span className="font-mono" data-testid="explanation-score">{result.score.toFixed(4)}</span> ·{" "}
              <span className="font-normal">{METHOD_NAMES[result.method]}</span>
            </h3>
            <p className="text-xs text-slate-600" data-testid="explanation-method">
              {result.methodNote}.
            </p>
            <TokenHeatmap label="Query" explained={result.query} scale={scale} />
            <TokenHeatmap label="Entry" explained={result.entry} scale={scale} />
          </article>
        ))}
      </div>
    </section>
  );
}
