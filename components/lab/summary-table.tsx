"use client";

import type { LabReport } from "@/lib/lab/report";
import { POOLINGS } from "@/lib/pooling/strategies";
import { NativeBadge } from "../native-badge";
import { f4, POOLING_COLORS } from "./format";
import { useI18n } from "../i18n/use-messages";
import { languageMisfit } from "./language-fit";

/** One row per model: average Δ per pooling, the native one marked, the best in bold. Click a model for its details. */
export function SummaryTable({ reports, selected, onSelect }: { reports: LabReport[]; selected: string; onSelect: (id: string) => void }) {
  const { t } = useI18n();
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-3" tabIndex={0} role="region" aria-label={t.lab.summaryRegion}>
      <table data-testid="summary-table" className="w-full text-sm">
        <caption className="pb-2 text-left font-semibold text-slate-700">
          {t.lab.summaryCaption} <span className="font-normal text-slate-600">{t.lab.summaryNote}</span>
        </caption>
        <thead>
          <tr className="border-b-2 border-slate-300 text-left">
            <th scope="col" className="px-2 py-1">{t.lab.model}</th>
            <th scope="col" className="px-2 py-1">{t.lab.scenarios}</th>
            {POOLINGS.map((p) => (
              <th key={p} scope="col" className="px-2 py-1 text-right">
                <span className="mr-1 inline-block h-2.5 w-2.5 rounded-sm" style={{ background: POOLING_COLORS[p] }} aria-hidden />
                {t.results.poolings[p]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {reports.map((report) => {
            const { averageDelta, bestAverage } = report.run.table;
            // A run whose scenarios are not in the model's language is shown, greyed, and crowns no pooling.
            const misfit = languageMisfit(report) !== null;
            return (
              <tr key={report.model.id} data-testid="summary-row" data-misfit={misfit} className={`border-b border-slate-100 ${report.model.id === selected ? "bg-sky-50" : ""} ${misfit ? "text-slate-500" : ""}`}>
                <th scope="row" className="px-2 py-1 text-left">
                  <button type="button" onClick={() => onSelect(report.model.id)} aria-pressed={report.model.id === selected}
                    className="font-semibold text-sky-800 underline-offset-2 hover:underline">
                    {report.model.id}
                  </button>
                </th>
                <td className="px-2 py-1">
                  {report.lang}
                  {misfit ? <span className="block text-xs text-amber-800">{t.lab.notCounted}</span> : null}
                </td>
                {POOLINGS.map((p) => (
                  <td key={p} className={`px-2 py-1 text-right font-mono tabular-nums ${p === bestAverage && !misfit ? "font-bold text-emerald-800" : ""}`}>
                    {f4(averageDelta[p])}
                    {p === report.model.nativePooling ? <NativeBadge className="ml-1" /> : null}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
