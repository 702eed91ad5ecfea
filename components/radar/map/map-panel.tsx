"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { fetchMap } from "@/lib/api/why-client";
import { MAP_METHODS, type MapMethod, type MapResponse, type Pooling } from "@/lib/api/contract";
import type { AppError } from "@/lib/errors";
import { errorText } from "../../i18n/error-text";
import { useI18n } from "../../i18n/use-messages";
import { ScatterMap } from "./scatter-map";

interface Props {
  kbId: string;
  query: string;
  poolings: Pooling[];
  /** A dot was clicked: explain that entry; `opener` takes focus back when the explanation closes. */
  onExplain: (index: number, opener: HTMLElement | null) => void;
  /** The explanation opened from this map, in place under it. */
  explanation?: ReactNode;
}

/** What a drawn map shows: when any of it changes, the map is out of date. */
function mapKey(kbId: string, query: string, poolings: Pooling[], method: MapMethod): string {
  return JSON.stringify([kbId, query, poolings, method]);
}

/**
 * The knowledge base on a 2-D map, one scatter per pooling shown. Drawn on request; from then on it follows the
 * query and the pooling (redrawn for each new one), and says so while the map on screen is out of date.
 */
export function MapPanel({ kbId, query, poolings, onExplain, explanation }: Props) {
  const i18n = useI18n();
  const { t, n } = i18n;
  const [method, setMethod] = useState<MapMethod>("pca");
  const [drawn, setDrawn] = useState<{ key: string; round: number; map: MapResponse } | null>(null);
  // 0: not asked for yet; each press of Draw counts one more (a redraw of the same map).
  const [round, setRound] = useState(0);
  const wanted = round > 0;
  const [error, setError] = useState<AppError | null>(null);
  const [loading, setLoading] = useState(false);
  const figure = useRef<HTMLDivElement>(null);
  const key = mapKey(kbId, query, poolings, method);
  const current = drawn?.key === key && drawn.round === round;

  useEffect(() => {
    if (!wanted || current) return;
    const abort = new AbortController();
    setLoading(true);
    setError(null);
    fetchMap({ kbId, poolings, method, query }, abort.signal)
      .then((map) => !abort.signal.aborted && setDrawn({ key, round, map }))
      .catch((caught: AppError) => !abort.signal.aborted && setError(caught))
      .finally(() => !abort.signal.aborted && setLoading(false));
    return () => abort.abort();
    // key stands for kbId, query, poolings and method.
  }, [wanted, key, round]);

  const map = drawn?.map;
  return (
    <section aria-label={t.why.mapTitle} data-testid="map-panel" data-busy={loading} data-current={Boolean(current)} className="flex min-w-0 flex-col gap-2 rounded-lg border border-slate-200 p-3">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-lg font-semibold">{t.why.mapTitle}</h2>
        <label className="flex min-w-0 items-center gap-1 text-sm">
          {t.why.mapLayout}
          <select value={method} data-testid="map-method" onChange={(e) => setMethod(e.target.value as MapMethod)} className="min-w-0 rounded border border-slate-300 bg-white px-1 py-0.5">
            {MAP_METHODS.map((m) => (
              <option key={m} value={m}>
                {t.why.mapMethods[m]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={() => setRound((r) => r + 1)} disabled={loading} data-testid="map-draw" className="rounded bg-slate-800 px-3 py-1 text-sm text-white disabled:opacity-50">
          {loading ? t.why.mapDrawing : wanted ? t.why.mapRedraw : t.why.mapDraw}
        </button>
      </div>
      <p className="text-xs text-slate-600">{t.why.mapHelp}</p>
      {wanted && current && !loading ? <p className="text-xs text-slate-600" data-testid="map-following">{t.why.mapFollowing(query)}</p> : null}
      {loading ? <p role="status" className="text-sm text-slate-700" data-testid="map-updating">{t.why.mapUpdating}</p> : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {errorText(error, i18n)} {drawn && !current ? t.why.mapOutOfDate : ""}
        </p>
      ) : null}
      {map?.sample ? (
        <p data-testid="map-sample" className="text-xs text-amber-800">
          {t.why.mapSample(n(map.sample.kept), n(map.sample.of), map.sample.seed)}
        </p>
      ) : null}
      {map ? (
        // Out of date (a new query or pooling, still drawing): faded, and marked so for tests and screen readers.
        <div ref={figure} tabIndex={-1} data-testid="map-figures" data-stale={!current} aria-busy={!current} className={`grid gap-4 ${poolings.length > 1 ? "lg:grid-cols-2" : ""} ${current ? "" : "opacity-40"}`}>
          {poolings.map((p) =>
            map.poolings[p] ? (
              <ScatterMap
                key={p}
                label={`${t.results.poolings[p]} · ${map.method.toUpperCase()}`}
                map={map.poolings[p]!}
                onExplain={current ? (index) => onExplain(index, figure.current) : undefined}
              />
            ) : null,
          )}
        </div>
      ) : null}
      {explanation}
    </section>
  );
}
