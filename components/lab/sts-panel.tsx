"use client";

import { useState } from "react";
import type { Graph, LabSts, LabStsDataset } from "@/lib/api/contract";
import { defaultStsDatasetFor, type LabModel } from "@/lib/lab/model";
import { POOLINGS } from "@/lib/pooling/strategies";
import { computeSts, fetchCachedSts } from "./lab-api";
import { PoolingTag } from "./pooling-tag";
import { useServerComputation } from "./use-server-computation";
import { useI18n } from "../i18n/use-messages";

const DATASETS: LabStsDataset[] = ["stsb-en", "stsb-zh"];

/**
 * STS Benchmark Spearman per pooling: the measurement to trust over 8 scenarios. Computed on demand, cached by the
 * server. Give it key={model.id} so a new model starts from its own default dataset.
 */
export function StsPanel({ model, graph }: { model: LabModel; graph?: Graph }) {
  const i18n = useI18n();
  const { t } = i18n;
  const [dataset, setDataset] = useState<LabStsDataset>(defaultStsDatasetFor(model));
  const { result, progress, error, start, cancel } = useServerComputation({ model: model.id, graph, dataset }, { fetchCached: fetchCachedSts, compute: computeSts });

  const best = result ? POOLINGS.reduce((a, b) => (result.spearman[b] > result.spearman[a] ? b : a)) : null;
  return (
    <div data-testid="sts-panel" className="mt-3 border-t border-slate-200 pt-3">
      <h4 className="text-sm font-semibold">{t.lab.stsTitle}</h4>
      <div className="mt-1 flex flex-wrap items-center gap-2 text-sm">
        <label className="flex min-w-0 max-w-full items-center gap-1">
          <span className="sr-only">{t.lab.stsDataset}</span>
          <select value={dataset} onChange={(e) => setDataset(e.target.value as LabStsDataset)} disabled={progress !== null}
            className="w-full min-w-0 max-w-full rounded border border-slate-300 px-1 py-0.5">
            {DATASETS.map((id) => <option key={id} value={id}>{t.lab.stsDatasets[id]}</option>)}
          </select>
        </label>
        {progress ? (
          <button type="button" onClick={cancel} className="rounded-md border border-slate-300 px-2 py-0.5 hover:bg-slate-100">{t.common.cancel}</button>
        ) : result ? null : (
          <button type="button" onClick={() => void start()} data-testid="compute-sts"
            className="rounded-md bg-slate-900 px-3 py-1 font-medium text-white hover:bg-slate-700">
            {t.lab.stsCompute}
          </button>
        )}
      </div>
      {progress ? (
        <div className="mt-2" role="progressbar" aria-label={t.lab.stsProgressLabel} aria-valuemin={0} aria-valuemax={progress.total} aria-valuenow={progress.done}>
          <div className="h-2 overflow-hidden rounded bg-slate-200">
            <div className="h-full bg-sky-600 transition-[width]" style={{ width: `${(100 * progress.done) / progress.total}%` }} />
          </div>
          <p className="mt-1 text-xs text-slate-600">{t.lab.stsProgress(progress.done, progress.total)}</p>
        </div>
      ) : null}
      {error ? <p role="alert" className="mt-2 text-sm text-red-800">{error}</p> : null}
      {result ? (
        <table data-testid="sts-table" className="mt-2 text-sm">
          <tbody>
            {POOLINGS.map((p) => (
              <tr key={p}>
                <td className="pr-3"><PoolingTag pooling={p} native={result.native} /></td>
                <td className={`text-right font-mono tabular-nums ${p === best ? "font-bold text-emerald-800" : ""}`}>{result.spearman[p].toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
          <caption className="caption-bottom pt-1 text-left text-xs text-slate-600">
            {t.lab.stsCaption(result.pairs, result.graph, result.device, result.seconds.toFixed(1))}
          </caption>
        </table>
      ) : null}
      {result?.bySize.length ? <StsBySize result={result} /> : null}
    </div>
  );
}

/** Spearman at each Matryoshka cut (rows) under each pooling (columns): how much survives in the first d dimensions. */
function StsBySize({ result }: { result: LabSts }) {
  const { t } = useI18n();
  const full = result.bySize[result.bySize.length - 1].dims;
  return (
    <div className="mt-3 overflow-x-auto">
      <table data-testid="sts-by-size" className="text-sm">
        <caption className="pb-1 text-left text-xs font-semibold text-slate-700">{t.lab.stsBySizeTitle}</caption>
        <thead>
          <tr>
            <th scope="col" className="pr-3 text-right font-medium">{t.lab.stsDimensions}</th>
            {POOLINGS.map((p) => <th key={p} scope="col" className="px-2 text-right font-medium"><PoolingTag pooling={p} native={result.native} /></th>)}
          </tr>
        </thead>
        <tbody>
          {result.bySize.map((row) => (
            <tr key={row.dims}>
              <th scope="row" className="pr-3 text-right font-mono font-normal tabular-nums">{row.dims === full ? t.lab.stsFullSize(row.dims) : row.dims}</th>
              {POOLINGS.map((p) => <td key={p} className="px-2 text-right font-mono tabular-nums">{row.spearman[p].toFixed(2)}</td>)}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="mt-1 text-xs text-slate-600">{t.lab.stsBySizeNote(result.matryoshka)}</p>
    </div>
  );
}
