"use client";

import type { LabReport } from "@/lib/lab/report";
import { POOLINGS } from "@/lib/pooling/strategies";
import { f4 } from "./format";
import { PoolingTag } from "./pooling-tag";
import { useI18n } from "../i18n/use-messages";

/** Per scenario and pooling: does the model keep the hand-made order strong > weak > unrelated? */
export function OrderingCheck({ report }: { report: LabReport }) {
  const { t } = useI18n();
  const { table } = report.run;
  const native = report.model.nativePooling;
  return (
    <section data-testid="ordering-check" aria-labelledby="ordering-title" className="rounded-lg border border-slate-200 bg-white p-3">
      <h3 id="ordering-title" className="text-sm font-semibold text-slate-700">{t.lab.orderingTitle}</h3>
      <div className="relative mt-2 overflow-x-auto" tabIndex={0} role="region" aria-labelledby="ordering-title">
        <table className="w-full text-sm">
          <thead>
            <tr className="text-left">
              <th scope="col" className="px-2 py-1">{t.lab.scenario}</th>
              {POOLINGS.map((p) => (
                <th key={p} scope="col" className="px-2 py-1 text-xs font-medium"><PoolingTag pooling={p} native={native} short /></th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row) => (
              <tr key={row.name} className="border-t border-slate-100">
                <th scope="row" className="px-2 py-1 text-left font-normal">{row.name}</th>
                {POOLINGS.map((p) => {
                  const s = row.pooling[p];
                  const detail = t.lab.orderingDetail(f4(s.strong), f4(s.weak), f4(s.unrelated));
                  return (
                    <td key={p} title={detail} className={`px-2 py-1 text-center ${s.ordered ? "text-emerald-700" : "bg-red-50 text-red-700"}`}>
                      <span aria-hidden>{s.ordered ? "✓" : "✗"}</span>
                      <span className="sr-only">{s.ordered ? t.lab.orderKept : t.lab.orderBroken}: {detail}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
            <tr className="border-t-2 border-slate-300 font-semibold">
              <th scope="row" className="px-2 py-1 text-left">{t.lab.kept}</th>
              {POOLINGS.map((p) => (
                <td key={p} className="px-2 py-1 text-center" data-testid="ordered-count" data-pooling={p}>
                  {table.orderedCount[p]}/{table.rows.length}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
    </section>
  );
}
