"use client";

import type { LabReport } from "@/lib/lab/report";
import { POOLINGS, POOLING_LABELS } from "@/lib/pooling/strategies";
import { NativeBadge } from "../native-badge";
import { f4, POOLING_COLORS } from "./format";

/** One row per model: average Δ per pooling, the native one marked, the best in bold. Click a model for its details. */
export function SummaryTable({ reports, selected, onSelect }: { reports: LabReport[]; selected: string; onSelect: (id: string) => void }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white p-3" tabIndex={0} role="region" aria-label="Average Δ per pooling, every model">
      <table data-testid="summary-table" className="w-full text-sm">
        <caption className="pb-2 text-left font-semibold text-slate-700">
          Average Δ per pooling, every model <span className="font-normal text-slate-600">(bold = best; the native pooling is marked)</span>
        </caption>
        <thead>
          <tr className="border-b-2 border-slate-300 text-left">
            <th scope="col" className="px-2 py-1">Model</th>
            <th scope="col" className="px-2 py-1">Scenarios</th>
            {POOLINGS.map((p) => (
              <th key={p} scope="col" className="px-2 py-1 text-right">
                <span className="mr-1 inline-block h-2.5 w-2.5 rounded-sm" style={{ background: POOLING_COLORS[p] }} aria-hidden />
                {POOLING_LABELS[p]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {reports.map((report) => {
            const { averageDelta, bestAverage } = report.run.table;
            return (
              <tr key={report.model.id} className={`border-b border-slate-100 ${report.model.id === selected ? "bg-sky-50" : ""}`}>
                <th scope="row" className="px-2 py-1 text-left">
                  <button type="button" onClick={() => onSelect(report.model.id)} aria-pressed={report.model.id === selected}
                    className="font-semibold text-sky-800 underline-offset-2 hover:underline">
                    {report.model.id}
                  </button>
                </th>
                <td className="px-2 py-1">{report.lang}</td>
                {POOLINGS.map((p) => (
                  <td key={p} className={`px-2 py-1 text-right font-mono tabular-nums ${p === bestAverage ? "font-bold text-emerald-800" : ""}`}>
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
