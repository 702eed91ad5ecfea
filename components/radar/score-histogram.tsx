"use client";

import { Bar, BarChart, Cell, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import type { HistogramBin } from "@/lib/api/contract";

/** Every entry's score, binned, with the threshold drawn across: how well the query separates the knowledge base. */
export function ScoreHistogram({ bins, threshold, label, domain }: { bins: HistogramBin[]; threshold: number; label: string; domain?: [number, number] }) {
  const data = bins.map((bin) => ({ ...bin, mid: (bin.start + bin.end) / 2 }));
  // issue 10: side by side passes one domain for both columns, so their x-axes line up.
  const low = Math.min(domain?.[0] ?? data[0]?.start ?? 0, threshold);
  const high = Math.max(domain?.[1] ?? data.at(-1)?.end ?? 1, threshold);
  return (
    <figure data-testid="score-histogram" className="rounded-lg border border-slate-200 bg-white p-3">
      <figcaption className="mb-1 text-sm font-semibold text-slate-700">Score distribution · {label}</figcaption>
      <BarChart responsive data={data} style={{ width: "100%", height: 150 }} margin={{ top: 14, right: 12, bottom: 0, left: -20 }} barCategoryGap={1}>
        <XAxis dataKey="mid" type="number" domain={[low, high]} tickFormatter={(value: number) => value.toFixed(2)} tick={{ fontSize: 11 }} />
        <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
        <Tooltip
          formatter={(value) => [String(value), "entries"]}
          labelFormatter={(mid) => {
            const bin = data.find((d) => d.mid === mid);
            return bin ? `${bin.start.toFixed(2)} to ${bin.end.toFixed(2)}` : "";
          }}
        />
        <Bar dataKey="count" isAnimationActive={false}>
          {data.map((bin) => (
            <Cell key={bin.start} fill={bin.start >= threshold - 1e-9 ? "#059669" : "#94a3b8"} />
          ))}
        </Bar>
        <ReferenceLine x={threshold} stroke="#dc2626" strokeDasharray="4 3" label={{ value: `threshold ${threshold.toFixed(2)}`, position: "top", fontSize: 11, fill: "#dc2626" }} />
      </BarChart>
    </figure>
  );
}
