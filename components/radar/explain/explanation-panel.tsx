"use client";

import { useEffect, useRef } from "react";
import type { Explanation } from "./use-explanation";
import { useI18n } from "../../i18n/use-messages";
import { heatScale } from "./heat";
import { HeatLegend, TokenHeatmap } from "./token-heatmap";

/**
 * Why a result scored what it did: both texts as token heatmaps, one column per pooling shown, one colour scale.
 * It opens in place (under the row or map that asked), takes focus, and closes with Escape or its button.
 */
export function ExplanationPanel({ explanation }: { explanation: Explanation }) {
  const { results, loading, error, close } = explanation;
  const { t } = useI18n();
  const panel = useRef<HTMLElement>(null);
  // Focus moves into the panel once, when it opens, so a keyboard and a screen reader land on what was asked for.
  useEffect(() => {
    panel.current?.focus({ preventScroll: true });
    panel.current?.scrollIntoView?.({ block: "nearest" });
  }, []);
  const scale = heatScale(results.flatMap((r) => [...r.query.tokens, ...r.entry.tokens].map((t) => t.contribution)));
  return (
    <section
      ref={panel}
      tabIndex={-1}
      role="region"
      aria-label={t.why.title}
      data-testid="explanation"
      data-busy={loading}
      className="flex flex-col gap-3 rounded-lg border border-slate-300 bg-white p-4 text-base"
    >
      <header className="flex items-center justify-between gap-2">
        <h3 className="text-lg font-semibold">{t.why.title}</h3>
        <button type="button" onClick={close} data-testid="explanation-close" className="rounded border border-slate-300 px-2 py-0.5 text-sm">
          {t.why.closeHint}
        </button>
      </header>
      {loading ? <p className="text-sm text-slate-600">{t.why.measuring}</p> : null}
      {error ? <p className="text-sm text-red-700" role="alert">{error.message}</p> : null}
      {results.length > 0 ? <HeatLegend scale={scale} /> : null}
      <div className={`grid gap-4 ${results.length > 1 ? "2xl:grid-cols-2" : ""}`}>
        {results.map((result) => (
          <article key={result.pooling} data-testid="explanation-column" data-pooling={result.pooling} data-method={result.method} className="flex min-w-0 flex-col gap-3">
            <h4 className="font-semibold">
              {t.why.columnTitle(t.results.poolings[result.pooling])} <span className="font-mono" data-testid="explanation-score">{result.score.toFixed(4)}</span> ·{" "}
              <span className="font-normal">{t.why.methods[result.method]}</span>
            </h4>
            <p className="text-xs text-slate-600" data-testid="explanation-method">
              {t.why.methodNotes[result.method](t.results.poolings[result.pooling])}.
            </p>
            <TokenHeatmap side="query" explained={result.query} scale={scale} />
            <TokenHeatmap side="entry" explained={result.entry} scale={scale} />
          </article>
        ))}
      </div>
    </section>
  );
}
