"use client";

import { useState } from "react";
import type { Graph } from "@/lib/api/contract";
import type { LabModel } from "@/lib/lab/model";
import type { LabReport } from "@/lib/lab/report";
import { DeltaChart } from "./delta-chart";
import { ExplanationPanel } from "./explanation-panel";
import { ExportButtons } from "./export-buttons";
import { LabTable } from "./lab-table";
import { ModelCard } from "./model-card";
import { OrderingCheck } from "./ordering-check";
import { SummaryTable } from "./summary-table";
import { useI18n } from "../i18n/use-messages";
import { languageMisfit } from "./language-fit";

interface Props {
  models: LabModel[];
  reports: LabReport[];
  /** Shown in the model card before any result has come back. */
  fallbackModel: LabModel;
  /** The graph chosen in the form: the STS panel's, from the first render (a run's report comes later). */
  graph: Graph;
}

/** The results of a run: a summary across models (when several), then one model's chart, card, table and checks. */
export function LabResults({ models, reports, fallbackModel, graph }: Props) {
  const { t } = useI18n();
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const report = reports.find((r) => r.model.id === selectedId) ?? reports[0];
  const model = report?.model ?? models.find((m) => m.id === fallbackModel.id) ?? fallbackModel;
  return (
    <>
      {reports.length > 1 ? <SummaryTable reports={reports} selected={report.model.id} onSelect={setSelectedId} /> : null}
      {/* items-start: a card is as tall as its content; a short one does not stretch over an empty area. */}
      <div className="grid grid-cols-1 items-start gap-4 lg:grid-cols-3">
        <div className="min-w-0 lg:col-span-2">
          {report ? <DeltaChart report={report} /> : <Placeholder />}
        </div>
        <ModelCard model={model} report={report} graph={graph} />
      </div>
      {report ? <LanguageWarning report={report} /> : null}
      {report ? (
        <section aria-labelledby="lab-table-title" className="rounded-lg border border-slate-200 bg-white p-4">
          <header className="mb-2 flex flex-wrap items-center gap-2">
            <h2 id="lab-table-title" className="mr-auto text-lg font-semibold">
              {t.lab.tableTitle(report.model.id, report.lang)}
            </h2>
            <ExportButtons reports={reports} />
          </header>
          <LabTable report={report} />
        </section>
      ) : null}
      <div className="grid grid-cols-1 items-start gap-4 lg:grid-cols-2">
        {report ? <OrderingCheck report={report} /> : null}
        <ExplanationPanel model={model} report={report} />
      </div>
    </>
  );
}

/** The scenarios' language does not fit the model: said above its numbers, which the conclusions then leave out. */
function LanguageWarning({ report }: { report: LabReport }) {
  const { t } = useI18n();
  const misfit = languageMisfit(report);
  if (!misfit) return null;
  const names = t.lab.languageNames;
  const languages = misfit.model.map((l) => (l === "en" || l === "zh" ? names[l] : l)).join(", ");
  return (
    <p role="alert" data-testid="lab-language-warning" className="rounded-md border border-amber-400 bg-amber-50 p-3 text-amber-900">
      {t.lab.languageMismatch(report.model.id, names[misfit.scenarios], languages)}
    </p>
  );
}

function Placeholder() {
  const { t } = useI18n();
  return (
    <div className="flex min-h-48 items-center justify-center rounded-lg border border-dashed border-slate-300 bg-white p-6 text-slate-600">
      {t.lab.placeholder}
    </div>
  );
}
