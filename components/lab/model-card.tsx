"use client";

import type { Graph } from "@/lib/api/contract";
import type { LabModel } from "@/lib/lab/model";
import type { LabReport } from "@/lib/lab/report";
import { StsPanel } from "./sts-panel";
import { useI18n } from "../i18n/use-messages";

/**
 * What the model is and how it was trained to be pooled and prompted; then its STS Spearman per pooling on the
 * chosen graph (not the last report's: a report arriving, or a new run clearing it, must not restart or cancel an
 * STS computation in progress).
 */
export function ModelCard({ model, report, graph }: { model: LabModel; report?: LabReport; graph: Graph }) {
  const { t } = useI18n();
  const row = "grid grid-cols-[minmax(0,9rem)_minmax(0,1fr)] gap-2 py-0.5";
  return (
    <section data-testid="model-card" aria-labelledby="model-card-title" className="rounded-lg border border-slate-200 bg-white p-4">
      <h3 id="model-card-title" className="text-lg font-semibold break-all">{model.id}</h3>
      <p className="text-sm text-slate-600">{model.description}</p>
      <dl className="mt-2 text-sm">
        <div className={row}><dt className="text-slate-500">{t.lab.architecture}</dt><dd data-testid="model-architecture">{t.lab.architectures[model.architecture]}</dd></div>
        <div className={row}><dt className="text-slate-500">{t.lab.typeLayers}</dt><dd>{t.lab.layers(model.modelType, model.numLayers)}</dd></div>
        <div className={row}><dt className="text-slate-500">{t.lab.hiddenSize}</dt><dd>{model.hiddenSize}</dd></div>
        <div className={row}><dt className="text-slate-500">{t.lab.maxTokens}</dt><dd>{model.maxTokens}</dd></div>
        <div className={row}>
          <dt className="text-slate-500">{t.lab.nativePooling}</dt>
          <dd data-testid="model-native" className="font-semibold">{t.results.poolings[model.nativePooling]} <span className="font-normal text-slate-600">{t.lab.howTrained}</span></dd>
        </div>
        <div className={row}>
          <dt className="text-slate-500">{t.lab.prompts}</dt>
          <dd className="break-words">
            {model.prompts.query ? <>{t.lab.promptQuery} <code className="rounded bg-slate-100 px-1">{JSON.stringify(model.prompts.query)}</code></> : t.lab.promptNone}
            {model.prompts.document ? <> · {t.lab.promptDocument} <code className="rounded bg-slate-100 px-1">{JSON.stringify(model.prompts.document)}</code></> : null}
            {model.prompts.query ? <span className="block text-xs text-slate-600">{t.lab.promptHelp}</span> : null}
          </dd>
        </div>
        <div className={row}><dt className="text-slate-500">{t.lab.languages}</dt><dd>{model.languages.join(", ")}</dd></div>
        {report ? (
          <div className={row}>
            <dt className="text-slate-500">{t.lab.thisRun}</dt>
            <dd>{t.lab.graphOn(report.graph, report.device)}</dd>
          </div>
        ) : null}
      </dl>
      <StsPanel key={model.id} model={model} graph={graph} />
    </section>
  );
}
