/**
 * The lab's results as CSV, one line per model, scenario and pooling, for spreadsheets. Pure: the page's export.
 */
import Papa from "papaparse";
import { POOLINGS } from "@/lib/pooling/strategies";
import { round4 } from "./table";
import { claimFor, type LabReport } from "./report";

export const LAB_CSV_COLUMNS = [
  "model",
  "graph",
  "lang",
  "scenario",
  "pooling",
  "native",
  "strong",
  "weak",
  "unrelated",
  "delta",
  "ordered",
  "winner",
  "article_strong",
  "article_unrelated",
  "article_delta",
  "query",
  "strong_text",
  "weak_text",
  "unrelated_text",
] as const;

// A byte-order mark so spreadsheet programs read the Chinese scenarios as UTF-8.
const BOM = "\uFEFF";

export function toLabCsv(reports: readonly LabReport[]): string {
  const rows = reports.flatMap((report) =>
    report.run.table.rows.flatMap((row, index) =>
      POOLINGS.map((pooling) => {
        const scores = row.pooling[pooling];
        const claim = claimFor(report.lang, index, pooling);
        const texts = report.scenarios[index];
        return [
          report.model.id,
          report.graph,
          report.lang,
          row.name,
          pooling,
          pooling === report.model.nativePooling,
          round4(scores.strong),
          round4(scores.weak),
          round4(scores.unrelated),
          round4(scores.delta),
          scores.ordered,
          row.winner === pooling,
          claim?.strong ?? "",
          claim?.unrelated ?? "",
          claim?.delta ?? "",
          texts?.query ?? "",
          texts?.strong ?? "",
          texts?.weak ?? "",
          texts?.unrelated ?? "",
        ];
      }),
    ),
  );
  return BOM + Papa.unparse({ fields: [...LAB_CSV_COLUMNS], data: rows }, { newline: "\n" }) + "\n";
}
