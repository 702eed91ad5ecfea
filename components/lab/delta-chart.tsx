"use client";

import { Bar, BarChart, CartesianGrid, Legend, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import type { LabReport } from "@/lib/lab/report";
import { POOLINGS } from "@/lib/pooling/strategies";
import { useChartTheme } from "../use-chart-theme";
import { f4, POOLING_COLORS } from "./format";
import { useI18n } from "../i18n/use-messages";

/** Grouped bars: Δ (strong − unrelated) per scenario, one bar per pooling; the native pooling named in the legend. */
export function DeltaChart({ report }: { report: LabReport }) {
  const theme = useChartTheme();
  const { t } = useI18n();
  const native = report.model.nativePooling;
  const tick = { fontSize: theme.font(12), fill: theme.text };
  // Short x labels ("1", "2", ...) keep 8+ groups readable; the full name is in the tooltip.
  const data = report.run.table.rows.map((row, index) => ({
    label: row.name.match(/^(\d+)\./)?.[1] ?? String(index + 1),
    name: row.name,
    ...Object.fromEntries(POOLINGS.map((p) => [p, row.pooling[p].delta])),
  }));
  return (
    <figure data-testid="delta-chart" className="rounded-lg border border-slate-200 bg-white p-3">
      <figcaption className="mb-2 text-sm font-semibold text-slate-700">
        {t.lab.chartTitle(report.model.id)}
        <span className="block text-xs font-normal text-slate-600">{t.lab.chartHelp}</span>
      </figcaption>
      {/* The numbers behind the bars are the table below; screen readers get a summary here and no tab stop. */}
      <div role="img" aria-label={t.lab.chartLabel(data.length, POOLINGS.length)}>
        <BarChart
          responsive
          accessibilityLayer={false}
          data={data}
          style={{ width: "100%", height: Math.round(320 * theme.scale) }}
          margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke={theme.grid} />
          <XAxis dataKey="label" tick={tick} stroke={theme.grid} />
          <YAxis tick={tick} stroke={theme.grid} width={theme.font(44)} tickFormatter={(value: number) => value.toFixed(2)} />
          <Tooltip
            formatter={(value) => (typeof value === "number" ? f4(value) : String(value))}
            labelFormatter={(_, payload) => String(payload?.[0]?.payload?.name ?? "")}
          />
          {/* itemSorter null: the legend keeps POOLINGS order, as every table on the page does. Its text is in the
              text colour (the swatch carries the pooling's colour): orange on white is unreadable. */}
          <Legend
            wrapperStyle={{ fontSize: theme.font(12) }}
            itemSorter={null}
            formatter={(value) => <span style={{ color: theme.text }}>{value}</span>}
          />
          <ReferenceLine y={0} stroke={theme.text} />
          {POOLINGS.map((pooling) => (
            <Bar key={pooling} dataKey={pooling} name={pooling === native ? t.lab.native(t.results.poolings[pooling]) : t.results.poolings[pooling]} fill={POOLING_COLORS[pooling]} isAnimationActive={false} />
          ))}
        </BarChart>
      </div>
      <ol className="mt-1 flex flex-wrap gap-x-4 text-xs text-slate-600" aria-label={t.lab.chartScenarios}>
        {data.map((d) => <li key={d.name}>{d.name}</li>)}
      </ol>
    </figure>
  );
}
