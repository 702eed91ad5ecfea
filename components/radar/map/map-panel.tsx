"use client";

import { useState } from "react";
import { fetchMap } from "@/lib/api/why-client";
import { MAP_METHODS, type MapMethod, type MapResponse, type Pooling } from "@/lib/api/contract";
import type { AppError } from "@/lib/errors";
import { POOLING_LABELS } from "@/lib/pooling/strategies";
import { ScatterMap } from "./scatter-map";

interface Props {
  kbId: string;
  query: string;
  poolings: Pooling[];
  onExplain: (index: number) => void;
}

const METHOD_LABELS: Record<MapMethod, string> = { pca: "PCA (linear, fast)", umap: "UMAP (neighbourhoods, seeded)" };

/** The knowledge base on a 2-D map, one scatter per pooling shown, drawn on request. */
export function MapPanel({ kbId, query, poolings, onExplain }: Props) {
  const [method, setMethod] = useState<MapMethod>("pca");
  const [map, setMap] = useState<MapResponse | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [loading, setLoading] = useState(false);

  const draw = () => {
    setLoading(true);
    setError(null);
    fetchMap({ kbId, poolings, method, query })
      .then(setMap)
      .catch((caught: AppError) => setError(caught))
      .finally(() => setLoading(false));
  };

  const current = map && map.kbId === kbId;
  return (
    <section aria-label="Map" data-testid="map-panel" data-busy={loading} className="flex flex-col gap-2 rounded-lg border border-slate-200 p-3">
      <div className="flex flex-wrap items-center gap-3">
        <h2 className="text-lg font-semibold">Map</h2>
        <label className="flex items-center gap-1 text-sm">
          Layout
          <select value={method} data-testid="map-method" onChange={(e) => setMethod(e.target.value as MapMethod)} className="rounded border border-slate-300 bg-white px-1 py-0.5">
            {MAP_METHODS.map((m) => (
              <option key={m} value={m}>
                {METHOD_LABELS[m]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={draw} disabled={loading} data-testid="map-draw" className="rounded bg-slate-800 px-3 py-1 text-sm text-white disabled:opacity-50">
          {loading ? "Drawing…" : "Draw the map"}
        </button>
      </div>
      <p className="text-xs text-slate-600">
        Each dot is an entry, darker green for a higher score; the red diamond is your query. Entries close together have similar vectors under that pooling.
      </p>
      {error ? <p role="alert" className="text-sm text-red-700">{error.message}</p> : null}
      {current && map.sample ? (
        <p data-testid="map-sample" className="text-xs text-amber-800">
          Drawn from a sample: {map.sample.kept.toLocaleString("en")} of {map.sample.of.toLocaleString("en")} entries (seed {map.sample.seed}, the same sample every time).
        </p>
      ) : null}
      {current ? (
        <div className={`grid gap-4 ${poolings.length > 1 ? "lg:grid-cols-2" : ""}`}>
          {poolings.map((p) =>
            map.poolings[p] ? <ScatterMap key={p} label={`${POOLING_LABELS[p]} · ${map.method.toUpperCase()}`} map={map.poolings[p]!} onExplain={onExplain} /> : null,
          )}
        </div>
      ) : null}
    </section>
  );
}
