"use client";

import { toLabCsv } from "@/lib/lab/csv";
import { toLabJson, type LabReport } from "@/lib/lab/report";
import { downloadText, fileStamp } from "./download";
import { useI18n } from "../i18n/use-messages";

/** Results as CSV (one line per model, scenario and pooling) or JSON (the shape `npm run lab -- --json` prints). */
export function ExportButtons({ reports }: { reports: LabReport[] }) {
  const { t } = useI18n();
  const name = reports.length === 1 ? reports[0].model.id : "all-models";
  const json = () => {
    const data = reports.map(toLabJson);
    downloadText(`lab-${name}-${fileStamp()}.json`, `${JSON.stringify(reports.length === 1 ? data[0] : data, null, 2)}\n`, "application/json");
  };
  const csv = () => downloadText(`lab-${name}-${fileStamp()}.csv`, toLabCsv(reports), "text/csv;charset=utf-8");
  const button = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100 disabled:opacity-50";
  return (
    <div className="flex gap-2">
      <button type="button" className={button} onClick={csv} disabled={!reports.length} data-testid="export-csv">{t.lab.exportCsv}</button>
      <button type="button" className={button} onClick={json} disabled={!reports.length} data-testid="export-json">{t.lab.exportJson}</button>
    </div>
  );
}
