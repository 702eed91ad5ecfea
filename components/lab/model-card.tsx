"use client";

import type { LabModel } from "@/lib/lab/model";
import type { LabReport } from "@/lib/lab/report";
import { POOLING_LABELS } from "@/lib/pooling/strategies";
import { ARCHITECTURE_LABELS } from "./format";
import { StsPanel } from "./sts-panel";

/** What the model is and how it was trained to be pooled and prompted; then its STS Spearman per pooling. */
export function ModelCard({ model, report }: { model: LabModel; report?: LabReport }) {
  const row = "grid grid-cols-[9rem_1fr] gap-2 py-0.5";
  return (
    <section data-testid="model-card" aria-labelledby="model-card-title" className="rounded-lg border border-slate-200 bg-white p-4">
      <h3 id="model-card-title" className="text-lg font-semibold break-all">{model.id}</h3>
      <p className="text-sm text-slate-600">{model.description}</p>
      <dl className="mt-2 text-sm">
        <div className={row}><dt className="text-slate-500">Architecture</dt><dd data-testid="model-architecture">{ARCHITECTURE_LABELS[model.architecture]}</dd></div>
        <div className={row}><dt className="text-slate-500">Type · layers</dt><dd>{model.modelType} · {model.numLayers} layers</dd></div>
        <div className={row}><dt className="text-slate-500">Hidden size</dt><dd>{model.hiddenSize}</dd></div>
        <div className={row}><dt className="text-slate-500">Max tokens</dt><dd>{model.maxTokens}</dd></div>
        <div className={row}>
          <dt className="text-slate-500">Native pooling</dt>
          <dd data-testid="model-native" className="font-semibold">{POOLING_LABELS[model.nativePooling]} <span className="font-normal text-slate-600">(how it was trained)</span></dd>
        </div>
        <div className={row}>
          <dt className="text-slate-500">Prompts</dt>
          <dd>
            {model.prompts.query ? <>query: <code className="rounded bg-slate-100 px-1">{JSON.stringify(model.prompts.query)}</code></> : "none"}
            {model.prompts.document ? <> · document: <code className="rounded bg-slate-100 px-1">{JSON.stringify(model.prompts.document)}</code></> : null}
            {model.prompts.query ? <span className="block text-xs text-slate-600">The lab prepends it to each scenario&apos;s query; candidates are embedded as they are.</span> : null}
          </dd>
        </div>
        <div className={row}><dt className="text-slate-500">Languages</dt><dd>{model.languages.join(", ")}</dd></div>
        {report ? (
          <div className={row}>
            <dt className="text-slate-500">This run</dt>
            <dd>{report.graph} graph on {report.device}</dd>
          </div>
        ) : null}
      </dl>
      <StsPanel key={model.id} model={model} graph={report?.graph} />
    </section>
  );
}
