"use client";

import { articleAverageFor, claimFor, type LabReport } from "@/lib/lab/report";
import { POOLINGS, type Pooling } from "@/lib/pooling/strategies";
import type { Messages } from "../i18n/messages";
import { f4 } from "./format";
import { PoolingTag } from "./pooling-tag";
import { useI18n } from "../i18n/use-messages";

const num = "px-2 py-1 text-right font-mono tabular-nums";

/** The article's table, same shape, with real numbers: per scenario and pooling, and its claims beside ours. */
export function LabTable({ report }: { report: LabReport }) {
  const { t } = useI18n();
  const { table } = report.run;
  const native = report.model.nativePooling;
  const hasClaims = report.lang !== "custom";
  return (
    // Focusable so a keyboard can scroll a table wider than a phone.
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label={t.lab.tableRegion}>
      <table data-testid="lab-table" className="w-full border-collapse text-sm">
        <caption className="pb-2 text-left text-slate-600">
          {t.lab.tableCaption}
          {hasClaims ? t.lab.articleColumns(t.lab.claimNote) : ""}
        </caption>
        <thead>
          <tr className="border-b-2 border-slate-300 text-left">
            <th scope="col" className="px-2 py-1">{t.lab.scenario}</th>
            <th scope="col" className="px-2 py-1">{t.lab.pooling}</th>
            <th scope="col" className="px-2 py-1 text-right">{t.lab.strong}</th>
            <th scope="col" className="px-2 py-1 text-right">{t.lab.weak}</th>
            <th scope="col" className="px-2 py-1 text-right">{t.lab.unrelated}</th>
            <th scope="col" className="px-2 py-1 text-right">Δ</th>
            <th scope="col" className="px-2 py-1 text-center">{t.lab.order}</th>
            {hasClaims ? <th scope="col" className="bg-amber-50 px-2 py-1 text-right">{t.lab.articleColumn}</th> : null}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, index) =>
            POOLINGS.map((pooling, k) => {
              const scores = row.pooling[pooling];
              const claim = claimFor(report.lang, index, pooling);
              const wins = row.winner === pooling;
              return (
                <tr key={`${index}-${pooling}`} data-testid="lab-row" data-pooling={pooling}
                  className={k === POOLINGS.length - 1 ? "border-b border-slate-300" : "border-b border-slate-100"}>
                  {k === 0 ? (
                    <th scope="rowgroup" rowSpan={POOLINGS.length} className="max-w-64 px-2 py-1 align-top text-left font-normal">
                      <span className="font-semibold">{row.name}</span>
                      <ScenarioTexts report={report} index={index} />
                    </th>
                  ) : null}
                  <td className="px-2 py-1"><PoolingTag pooling={pooling} native={native} /></td>
                  <td className={num}>{f4(scores.strong)}</td>
                  <td className={num}>{f4(scores.weak)}</td>
                  <td className={num}>{f4(scores.unrelated)}</td>
                  <td className={`${num} ${wins ? "bg-emerald-100 font-bold text-emerald-900" : ""}`} data-testid="delta-cell">
                    {f4(scores.delta)}
                  </td>
                  <td className="px-2 py-1 text-center" aria-label={scores.ordered ? t.lab.orderKept : t.lab.orderBroken}>
                    {scores.ordered ? "✓" : <span className="text-red-700">✗</span>}
                  </td>
                  {hasClaims ? (
                    <td className={`${num} bg-amber-50 text-slate-600`}>{claim ? `${f4(claim.strong)} / ${f4(claim.unrelated)} / ${f4(claim.delta)}` : ""}</td>
                  ) : null}
                </tr>
              );
            }),
          )}
        </tbody>
        <AverageRows report={report} t={t} />
      </table>
    </div>
  );
}

function ScenarioTexts({ report, index }: { report: LabReport; index: number }) {
  const scenario = report.scenarios[index];
  if (!scenario) return null;
  return (
    <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-1 text-xs text-slate-600">
      <dt>Q</dt><dd>{scenario.query}</dd>
      <dt className="text-emerald-700">S</dt><dd>{scenario.strong}</dd>
      <dt className="text-amber-700">W</dt><dd>{scenario.weak}</dd>
      <dt className="text-red-700">U</dt><dd>{scenario.unrelated}</dd>
    </dl>
  );
}

function articleAverage(report: LabReport, pooling: Pooling, t: Messages): string {
  const average = articleAverageFor(report.lang, pooling);
  if (!average) return "";
  const [printed, ownRows] = [f4(average.printed), f4(average.ownRows)];
  return printed === ownRows ? printed : t.lab.itsRows(printed, ownRows);
}

function AverageRows({ report, t }: { report: LabReport; t: Messages }) {
  const { table } = report.run;
  const count = table.rows.length;
  return (
    <tfoot>
      {POOLINGS.map((pooling, k) => (
        <tr key={pooling} data-testid="average-row" data-pooling={pooling} className="border-b border-slate-100">
          {k === 0 ? (
            <th scope="rowgroup" rowSpan={POOLINGS.length} className="px-2 py-1 align-top text-left">
              {t.lab.averageDelta}<span className="block text-xs font-normal text-slate-600">{t.lab.winsOrder}</span>
            </th>
          ) : null}
          <td className="px-2 py-1"><PoolingTag pooling={pooling} native={report.model.nativePooling} /></td>
          <td colSpan={3} className="px-2 py-1 text-right text-xs text-slate-600">
            {t.lab.winsLine(table.wins[pooling], count, table.orderedCount[pooling])}
          </td>
          <td className={`${num} ${table.bestAverage === pooling ? "bg-emerald-100 font-bold text-emerald-900" : "font-semibold"}`} data-testid="average-delta">
            {f4(table.averageDelta[pooling])}
          </td>
          <td />
          {report.lang !== "custom" ? <td className={`${num} bg-amber-50 text-slate-600`}>{articleAverage(report, pooling, t)}</td> : null}
        </tr>
      ))}
    </tfoot>
  );
}
