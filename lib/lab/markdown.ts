/**
 * The lab's results as markdown: the article's table (per scenario and pooling) with its claims beside ours,
 * the averages, and a one-table summary across models. Pure: used by the CLI.
 */
import { POOLINGS, POOLING_LABELS, type Pooling } from "@/lib/pooling/strategies";
import type { LabTable } from "./table";
import type { LabSts } from "./sts-types";
import { articleAverageFor, claimFor, type LabReport } from "./report";
import { ARTICLE_CLAIM_SOURCE } from "./scenarios/article-claims";

const f4 = (value: number) => value.toFixed(4);
const bold = (text: string, on: boolean) => (on ? `**${text}**` : text);
const line = (cells: string[]) => `| ${cells.join(" | ")} |`;

export function poolingLabel(pooling: Pooling, native: Pooling): string {
  return pooling === native ? `${POOLING_LABELS[pooling]} (native)` : POOLING_LABELS[pooling];
}

export function toLabMarkdown(report: LabReport): string {
  const { model, run } = report;
  const heading =
    `## ${model.id}: ${model.architecture}, ${model.hiddenSize}-d, native pooling ${model.nativePooling}` +
    ` · scenarios ${report.lang} · ${report.graph} graph on ${report.device}`;
  const notes = [
    `Δ = strong − unrelated (the article's 区分度); **bold** Δ wins the scenario; order ✓ when strong > weak > unrelated.`,
  ];
  if (report.lang !== "custom") notes.push(`Article: ${ARTICLE_CLAIM_SOURCE.note}`);
  if (run.truncated.length > 0) notes.push(`Truncated to the model's ${model.maxTokens} tokens: ${run.truncated.length} text(s).`);
  return [heading, "", scenarioTable(report), "", averageTable(report), "", ...notes, ""].join("\n");
}

function scenarioTable(report: LabReport): string {
  const native = report.model.nativePooling;
  const header = ["Scenario", "Pooling", "Strong", "Weak", "Unrelated", "Δ", "Order", "Article: strong / unrelated / Δ"];
  const rows = report.run.table.rows.flatMap((row, index) =>
    POOLINGS.map((pooling, k) => {
      const scores = row.pooling[pooling];
      const claim = claimFor(report.lang, index, pooling);
      return line([
        k === 0 ? row.name : "",
        poolingLabel(pooling, native),
        f4(scores.strong),
        f4(scores.weak),
        f4(scores.unrelated),
        bold(f4(scores.delta), row.winner === pooling),
        scores.ordered ? "✓" : "✗",
        claim ? `${f4(claim.strong)} / ${f4(claim.unrelated)} / ${f4(claim.delta)}` : "",
      ]);
    }),
  );
  return [line(header), line(["---", "---", "---:", "---:", "---:", "---:", ":---:", "---"]), ...rows].join("\n");
}

function averageTable(report: LabReport): string {
  const { model } = report;
  const { table } = report.run;
  const count = table.rows.length;
  const claimed = (pooling: Pooling) => {
    const average = articleAverageFor(report.lang, pooling);
    if (!average) return "";
    const [printed, ownRows] = [f4(average.printed), f4(average.ownRows)];
    return printed === ownRows ? printed : `${printed} (its own rows average ${ownRows})`;
  };
  const rows = POOLINGS.map((pooling) =>
    line([
      poolingLabel(pooling, model.nativePooling),
      bold(f4(table.averageDelta[pooling]), table.bestAverage === pooling),
      `${table.wins[pooling]}/${count}`,
      `${table.orderedCount[pooling]}/${count}`,
      claimed(pooling),
    ]),
  );
  const header = line(["Pooling", "Average Δ", "Scenarios won", "Order kept", "Article's average Δ"]);
  return [header, line(["---", "---:", "---:", "---:", "---"]), ...rows].join("\n");
}

/** One row per model: average Δ per pooling, the native one marked with *, the best in bold. */
export function toLabSummaryMarkdown(reports: readonly LabReport[]): string {
  const header = line(["Model", "Scenarios", "Native", ...POOLINGS, "Best"]);
  const rows = reports.map(({ model, lang, run }) =>
    line([model.id, lang, model.nativePooling, ...averageCells(run.table, model.nativePooling), run.table.bestAverage]),
  );
  return ["## Average Δ per pooling (* native)", "", header, line(["---", "---", "---", ...POOLINGS.map(() => "---:"), "---"]), ...rows, ""].join("\n");
}

function averageCells(table: LabTable, native: Pooling): string[] {
  return POOLINGS.map((p) => bold(`${f4(table.averageDelta[p])}${p === native ? "*" : ""}`, table.bestAverage === p));
}

/** STS Spearman x100 per pooling, the native one marked, the best in bold. */
export function toStsMarkdown(sts: LabSts): string {
  const best = POOLINGS.reduce((a, b) => (sts.spearman[b] > sts.spearman[a] ? b : a));
  const rows = POOLINGS.map((p) => line([poolingLabel(p, sts.native), bold(sts.spearman[p].toFixed(2), p === best)]));
  const heading = `STS ${sts.dataset}, ${sts.pairs} pairs (${sts.graph} on ${sts.device}, ${sts.seconds.toFixed(1)} s): Spearman ×100 of cosine vs gold`;
  return [heading, "", line(["Pooling", "Spearman ×100"]), line(["---", "---:"]), ...rows, ""].join("\n");
}

/**
 * STS Spearman x100 at each Matryoshka cut (rows) under each pooling (columns), the full size last: how much of
 * the model's quality survives in its first d dimensions. Empty when no cut was measured.
 */
export function toStsBySizeMarkdown(sts: LabSts): string {
  if (!sts.bySize.length) return "";
  const full = sts.bySize[sts.bySize.length - 1].dims;
  const trained = sts.matryoshka ? "its card declares Matryoshka training" : "its card declares no Matryoshka training: cuts it was not trained for";
  const heading = `STS ${sts.dataset} per Matryoshka cut (first d dimensions, renormalized; ${trained}): Spearman ×100`;
  const header = line(["Dimensions", ...POOLINGS.map((p) => poolingLabel(p, sts.native))]);
  const rows = sts.bySize.map((row) => line([row.dims === full ? `${row.dims} (full)` : String(row.dims), ...POOLINGS.map((p) => row.spearman[p].toFixed(2))]));
  return [heading, "", header, line(["---:", ...POOLINGS.map(() => "---:")]), ...rows, ""].join("\n");
}
