"use client";

import { Bar, BarChart, Cell, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import type { HistogramBin } from "@/lib/api/contract";
import { useChartTheme } from "../use-chart-theme";
import { useI18n } from "../i18n/use-messages";

/** The x-range that shows every bin and the threshold: one for a single chart, shared by charts compared side by side. */
export function histogramDomain(binLists: HistogramBin[][], threshold: number): [number, number] {
  const starts = binLists.flatMap((bins) => bins.map((bin) => bin.start));
  const ends = binLists.flatMap((bins) => bins.map((bin) => bin.end));
  return [Math.min(threshold, ...(starts.length ? starts : [0])), Math.max(threshold, ...(ends.length ? ends : [1]))];
}

interface Props {
  bins: HistogramBin[];
  threshold: number;
  label: string;
  /** The x-range; pass the same one to charts that are compared. Default: this chart's own. */
  domain?: [number, number];
}

/** Every entry's score, binned, with the threshold drawn across: how well the query separates the knowledge base. */
export function ScoreHistogram({ bins, threshold, label, domain }: Props) {
  const theme = useChartTheme();
  const { t, n } = useI18n();
  const data = bins.map((bin) => ({ ...bin, mid: (bin.start + bin.end) / 2 }));
  const [low, high] = domain ?? histogramDomain([bins], threshold);
  const isAbove = (bin: HistogramBin) => bin.start >= threshold - 1e-9;
  const total = bins.reduce((sum, bin) => sum + bin.count, 0);
  const above = bins.filter(isAbove).reduce((sum, bin) => sum + bin.count, 0);
  const tick = { fontSize: theme.font(11), fill: theme.text };
  // The chart is a picture of these numbers: screen readers get them as one sentence instead of a tab stop per bar.
  const summary = t.results.histogramSummary(n(total), low.toFixed(2), high.toFixed(2), n(above), threshold.toFixed(2));
  return (
    <figure data-testid="score-histogram" className="min-w-0 rounded-lg border border-slate-200 bg-white p-3">
      <figcaption className="mb-1 flex flex-wrap items-center justify-between gap-x-3 text-sm font-semibold text-slate-700">
        <span>{t.results.histogramTitle(label)}</span>
        {/* The threshold's label lives here, not on the line, where it ran into the y-axis near the edges. */}
        <span className="inline-flex items-center gap-1.5 text-xs font-normal text-slate-600" data-testid="histogram-threshold">
          <span className="inline-block w-4 border-t-2 border-dashed" style={{ borderColor: theme.line }} aria-hidden />
          {t.results.histogramThreshold(threshold.toFixed(2))}
        </span>
      </figcaption>
      <div role="img" aria-label={summary} data-testid="histogram-chart" data-domain={`${low.toFixed(4)},${high.toFixed(4)}`}>
        <BarChart
          responsive
          accessibilityLayer={false}
          data={data}
          style={{ width: "100%", height: Math.round(150 * theme.scale) }}
          margin={{ top: 8, right: 12, bottom: 0, left: 0 }}
          barCategoryGap={1}
        >
          <XAxis dataKey="mid" type="number" domain={[low, high]} tickFormatter={(value: number) => value.toFixed(2)} tick={tick} stroke={theme.grid} />
          <YAxis allowDecimals={false} tick={tick} stroke={theme.grid} width={theme.font(32)} />
          <Tooltip
            formatter={(value) => [String(value), t.results.histogramEntries]}
            labelFormatter={(mid) => {
              const bin = data.find((d) => d.mid === mid);
              return bin ? t.results.histogramBin(bin.start.toFixed(2), bin.end.toFixed(2)) : "";
            }}
          />
          <Bar dataKey="count" isAnimationActive={false}>
            {data.map((bin) => (
              <Cell key={bin.start} fill={isAbove(bin) ? theme.above : theme.below} />
            ))}
          </Bar>
          <ReferenceLine x={threshold} stroke={theme.line} strokeDasharray="4 3" />
        </BarChart>
      </div>
    </figure>
  );
}
