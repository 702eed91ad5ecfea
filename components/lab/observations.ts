/**
 * Facts read off one lab run, for the explanation panel: where the native pooling ranks, poolings that coincide,
 * how compressed a pooling's cosines are; nothing when the scenarios' language does not fit the model. Pure: tested
 * on hand-made tables.
 */
import type { LabReport } from "@/lib/lab/report";
import { POOLINGS, type Pooling } from "@/lib/pooling/strategies";
import type { Messages } from "../i18n/messages";
import { languageMisfit } from "./language-fit";

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

/** This run's facts, in the interface language; none when the scenarios' language does not fit the model. */
export function runObservations(report: LabReport, t: Messages): string[] {
  const { model } = report;
  if (languageMisfit(report)) return [t.lab.noConclusions(model.id)];
  const label = (pooling: Pooling) => t.results.poolings[pooling];
  const native = model.nativePooling;
  const { bestAverage, averageDelta } = report.run.table;
  const notes: string[] = [];
  const rank = rankByAverageDelta(report, native);
  notes.push(
    rank === 1
      ? t.labWhy.nativeBest(label(native), averageDelta[native].toFixed(4))
      : t.labWhy.nativeBeaten(label(bestAverage), label(native), averageDelta[bestAverage].toFixed(4), averageDelta[native].toFixed(4), rank),
  );
  if (model.architecture === "encoder" && maxScoreGap(report, "cls", "last_token") < 1e-3) notes.push(t.labWhy.clsIsSep);
  if (native !== "cls" && meanUnrelated(report, "cls") > meanUnrelated(report, native) + 0.2) {
    notes.push(t.labWhy.clsAlike(meanUnrelated(report, "cls").toFixed(2), meanUnrelated(report, native).toFixed(2)));
  }
  return notes;
}
