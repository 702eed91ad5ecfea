"use client";

import { useState } from "react";
import type { LayerSweep } from "@/lib/api/contract";
import { CORRECTIONS, type Correction } from "@/lib/pooling/correction-names";
import { PRECISIONS } from "@/lib/pooling/precision";
import { POOLINGS } from "@/lib/pooling/strategies";
import { useI18n } from "../i18n/use-messages";
import { computeLayers, fetchCachedLayers } from "./lab-api";
import { LayerHeatmap } from "./layer-heatmap";
import { useServerComputation } from "./use-server-computation";

const PAIR_CHOICES = [100, 300, 1500] as const;

/**
 * The layer sweep of one model: STS Spearman per layer x pooling with and without each correction, anisotropy per
 * layer, the article's scenarios per layer and the precision table. Computed on demand, cached by the server.
 * Give it key={model} so a new model starts from its own cache.
 */
export function LayersPanel({ model }: { model: string }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [pairs, setPairs] = useState<number>(300);
  const [correction, setCorrection] = useState<Correction>("none");
  const { result, progress, error, start, cancel } = useServerComputation({ model, pairs }, { fetchCached: fetchCachedLayers, compute: computeLayers });

  const grid = result ? (correction === "none" ? result.spearman : result.corrected[correction]) : null;
  return (
    <section data-testid="layers-panel" aria-labelledby="layers-title" className="rounded-lg border border-slate-200 bg-white p-3">
      <h2 id="layers-title" className="text-lg font-semibold">{t.labLayers.title}</h2>
      <p className="max-w-4xl text-sm text-slate-700">{t.labLayers.intro}</p>
      <div className="mt-2 flex flex-wrap items-center gap-3 text-sm">
        <label className="flex min-w-0 max-w-full items-center gap-1">
          <span>{t.labLayers.pairs}</span>
          <select data-testid="layers-pairs" value={pairs} onChange={(e) => setPairs(Number(e.target.value))} disabled={progress !== null} className="min-w-0 max-w-full rounded border border-slate-300 px-1 py-0.5">
            {PAIR_CHOICES.map((count) => <option key={count} value={count}>{t.labLayers.pairsOption(count)}</option>)}
          </select>
        </label>
        {progress ? (
          <button type="button" onClick={cancel} className="rounded-md border border-slate-300 px-2 py-0.5 hover:bg-slate-100">{t.common.cancel}</button>
        ) : result ? null : (
          <button type="button" data-testid="compute-layers" onClick={() => void start()} className="rounded-md bg-slate-900 px-3 py-1 font-medium text-white hover:bg-slate-700">
            {t.labLayers.compute(model)}
          </button>
        )}
      </div>
      {progress ? (
        <div className="mt-2" role="progressbar" aria-label={t.labLayers.progressLabel} aria-valuemin={0} aria-valuemax={progress.total} aria-valuenow={progress.done}>
          <div className="h-2 overflow-hidden rounded bg-slate-200">
            <div className="h-full bg-sky-600" style={{ width: `${(100 * progress.done) / progress.total}%` }} />
          </div>
          <p className="mt-1 text-xs text-slate-600">{t.labLayers.progress(progress.done, progress.total)}</p>
        </div>
      ) : null}
      {error ? <p role="alert" className="mt-2 text-sm text-red-800">{error}</p> : null}
      {result && grid ? (
        <div className="mt-3 grid gap-4 xl:grid-cols-2">
          <div className="flex flex-col gap-2">
            <p className="text-xs text-slate-600" data-testid="layers-summary">{t.labLayers.summary(result.pairs, result.sentences, result.seconds.toFixed(0))}</p>
            <fieldset className="flex flex-wrap gap-3 text-sm">
              <legend className="sr-only">{t.labLayers.correction}</legend>
              {CORRECTIONS.map((c) => (
                <label key={c} className="flex items-center gap-1">
                  <input type="radio" name="layers-correction" value={c} checked={correction === c} onChange={() => setCorrection(c)} />
                  {t.labLayers.corrections[c]}
                </label>
              ))}
            </fieldset>
            <LayerHeatmap testId="layers-spearman" caption={t.labLayers.spearmanCaption(t.labLayers.corrections[correction])} grid={grid} n={result.layers} digits={2} />
          </div>
          <LayerHeatmap testId="layers-anisotropy" caption={t.labLayers.anisotropyCaption} grid={result.anisotropy} n={result.layers} digits={3} />
          {result.scenarios ? (
            <LayerHeatmap testId="layers-scenarios" caption={t.labLayers.scenariosCaption(result.scenarios.scenarios)} grid={result.scenarios.averageDelta} n={result.layers} digits={3} />
          ) : null}
          <table data-testid="layers-precision" className="self-start text-sm">
            <caption className="pb-1 text-left text-xs text-slate-700">{t.labLayers.precisionCaption}</caption>
            <thead>
              <tr>
                <th scope="col" className="pr-2 text-left">{t.variant.precision}</th>
                {POOLINGS.map((p) => <th key={p} scope="col" className="px-2 text-right">{t.results.poolings[p]}</th>)}
              </tr>
            </thead>
            <tbody>
              {PRECISIONS.map((precision) => (
                <tr key={precision}>
                  <th scope="row" className="pr-2 text-left font-normal">{precision}</th>
                  {POOLINGS.map((p) => <td key={p} className="px-2 text-right font-mono tabular-nums">{result.precision[precision][p].toFixed(2)}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
