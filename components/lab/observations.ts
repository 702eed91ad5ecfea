/**
 * Facts read off one lab run, for the explanation panel: where the native pooling ranks, poolings that coincide,
 * how compressed a pooling's cosines are. Pure: tested on hand-made tables.
 */
import type { LabReport } from "@/lib/lab/report";
import { POOLINGS, POOLING_LABELS, type Pooling } from "@/lib/pooling/strategies";

/** 1 = the largest average Δ of the five. */
export function rankByAverageDelta(report: LabReport, pooling: Pooling): number {
  const averages = report.run.table.averageDelta;
  return 1 + POOLINGS.filter((p) => averages[p] > averages[pooling]).length;
}

/** The largest difference between two poolings' scores over every scenario and candidate. */
export function maxScoreGap(report: LabReport, a: Pooling, b: Pooling): number {
  return Math.max(
    ...report.run.table.rows.flatMap((row) =>
      (["strong", "weak", "unrelated"] as const).map((role) => Math.abs(row.pooling[a][role] - row.pooling[b][role])),
    ),
  );
}

/** Mean cosine a pooling gives the unrelated candidates: high means everything looks alike to it. */
export function meanUnrelated(report: LabReport, pooling: Pooling): number {
  const rows = report.run.table.rows;
  return rows.reduce((sum, row) => sum + row.pooling[pooling].unrelated, 0) / rows.length;
}

export function runObservations(report: LabReport): string[] {
  const { model } = report;
  const native = model.nativePooling;
  const { bestAverage, averageDelta } = report.run.table;
  const notes: string[] = [];
  const rank = rankByAverageDelta(report, native);
  notes.push(
    rank === 1
      ? `Here the native pooling (${POOLING_LABELS[native]}) has the largest average Δ, ${averageDelta[native].toFixed(4)}.`
      : `Here ${POOLING_LABELS[bestAverage]} edges out the native ${POOLING_LABELS[native]} on average Δ ` +
          `(${averageDelta[bestAverage].toFixed(4)} vs ${averageDelta[native].toFixed(4)}, rank ${rank} of 5). ` +
          "Eight scenarios are a small sample: check the STS Benchmark Spearman on the model card before changing poolings.",
  );
  if (model.architecture === "encoder" && maxScoreGap(report, "cls", "last_token") < 1e-3) {
    notes.push(
      "CLS and last token give the same scores here (within 0.001): in this model the final [SEP] vector has become a copy of [CLS].",
    );
  }
  if (native !== "cls" && meanUnrelated(report, "cls") > meanUnrelated(report, native) + 0.2) {
    notes.push(
      `Its CLS vector scores even the unrelated candidates at ${meanUnrelated(report, "cls").toFixed(2)} on average ` +
        `(native: ${meanUnrelated(report, native).toFixed(2)}): untrained as a summary, it looks alike for every sentence.`,
    );
  }
  return notes;
}
