/** The layer sweep as markdown tables, for the CLI and docs/layers.md. Pure. */
import { layerLabel, type Layer } from "../pooling/layers";
import { PRECISIONS } from "../pooling/precision";
import { POOLINGS } from "../pooling/strategies";
import type { LayerGrid, LayerSweep } from "./layer-sweep";

const line = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;

function gridTable(title: string, values: LayerGrid, n: number, digits: number): string {
  const keys = Object.keys(values);
  const best = Math.max(...keys.flatMap((k) => POOLINGS.map((p) => values[k][p])));
  const rows = keys.map((key) => {
    const layer: Layer = /^\d+$/.test(key) ? Number(key) : (key as Layer);
    return line([layerLabel(layer, n), ...POOLINGS.map((p) => (values[key][p] === best ? `**${values[key][p].toFixed(digits)}**` : values[key][p].toFixed(digits)))]);
  });
  return [`#### ${title}`, "", line(["Layer", ...POOLINGS]), line(["---", ...POOLINGS.map(() => "---:")]), ...rows, ""].join("\n");
}

export function toLayersMarkdown(sweep: LayerSweep): string {
  const n = sweep.layers;
  const precision = [
    "#### Precision (last layer, no correction): STS Spearman ×100",
    "",
    line(["Precision", ...POOLINGS]),
    line(["---", ...POOLINGS.map(() => "---:")]),
    ...PRECISIONS.map((p) => line([p, ...POOLINGS.map((pooling) => sweep.precision[p][pooling].toFixed(2))])),
    "",
  ].join("\n");
  return [
    `### ${sweep.model} on ${sweep.dataset}: ${sweep.pairs} pairs, ${sweep.sentences} sentences (${sweep.seconds.toFixed(0)} s)`,
    "",
    gridTable("STS Spearman ×100, no correction", sweep.spearman, n, 2),
    gridTable("STS Spearman ×100, whitened (fitted on the set's sentences)", sweep.corrected.whitening, n, 2),
    gridTable("STS Spearman ×100, all-but-the-top", sweep.corrected.all_but_the_top, n, 2),
    gridTable("Anisotropy: mean cosine of random sentence pairs", sweep.anisotropy, n, 3),
    precision,
    ...(sweep.scenarios
      ? [
          gridTable(`The article's ${sweep.scenarios.scenarios} scenarios: average delta (strong - unrelated)`, sweep.scenarios.averageDelta, n, 3),
          gridTable(`The article's scenarios: how many keep strong > weak > unrelated (of ${sweep.scenarios.scenarios})`, sweep.scenarios.ordered, n, 0),
        ]
      : []),
  ].join("\n");
}
