"use client";

import { POOLINGS, type Pooling } from "@/lib/pooling/strategies";
import { useI18n } from "../i18n/use-messages";

/** Background for a value's place between the grid's lowest and highest: light to dark, dark text readable on all. */
export function heatColor(value: number, low: number, high: number): string {
  const share = high > low ? (value - low) / (high - low) : 1;
  return `hsl(199 85% ${Math.round(96 - 40 * share)}%)`;
}

/** One table: rows are layers (and the layer averages), columns poolings, each cell coloured by its value. */
export function LayerHeatmap({ testId, caption, grid, n, digits }: { testId: string; caption: string; grid: Record<string, Record<Pooling, number>>; n: number; digits: number }) {
  const { t } = useI18n();
  const keys = Object.keys(grid);
  const values = keys.flatMap((key) => POOLINGS.map((p) => grid[key][p]));
  const low = Math.min(...values);
  const high = Math.max(...values);
  return (
    <div className="max-w-full overflow-x-auto">
      <table data-testid={testId} className="text-sm">
        <caption className="pb-1 text-left text-xs text-slate-700">{caption}</caption>
        <thead>
          <tr>
            <th scope="col" className="pr-2 text-left font-semibold">{t.labLayers.layer}</th>
            {POOLINGS.map((p) => (
              <th key={p} scope="col" className="px-2 text-right font-semibold">{t.results.poolings[p]}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {keys.map((key) => (
            <tr key={key} data-layer={key}>
              <th scope="row" className="whitespace-nowrap pr-2 text-left font-normal">{t.labLayers.layerName(key, n)}</th>
              {POOLINGS.map((p) => (
                <td key={p} className="px-2 text-right font-mono tabular-nums text-slate-950" style={{ backgroundColor: heatColor(grid[key][p], low, high) }}>
                  {grid[key][p].toFixed(digits)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
