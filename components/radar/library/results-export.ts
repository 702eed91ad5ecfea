/** The current ranked results as files: CSV (one row per hit and pooling) and JSON (the search response). Pure. */
import type { SearchResponse } from "@/lib/api/contract";
import { POOLINGS } from "@/lib/pooling/strategies";

const CSV_COLUMNS = ["query", "pooling", "rank", "score", "index", "text", "approximate", "layer", "correction", "precision"] as const;

/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled. */
function csvField(value: string | number | boolean): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** What the scores come from; an answer from before it was said is the defaults'. */
function variantCells(response: SearchResponse): [string, string, string] {
  const v = response.variant;
  return v ? [v.layer, v.correction, v.precision] : ["last", "none", "float32"];
}

export function resultsCsv(response: SearchResponse): string {
  const variant = variantCells(response);
  const rows: (string | number | boolean)[][] = [[...CSV_COLUMNS]];
  for (const pooling of POOLINGS) {
    for (const hit of response.results[pooling] ?? []) {
      rows.push([response.query, pooling, hit.rank, hit.score.toFixed(6), hit.index, hit.text, response.approximate ?? false, ...variant]);
    }
  }
  return rows.map((row) => row.map(csvField).join(",")).join("\r\n") + "\r\n";
}

export function resultsJson(response: SearchResponse): string {
  const { kbId, model, query, count, results, approximate, precisionCheck } = response;
  const [layer, correction, precision] = variantCells(response);
  const cut = response.variant?.whiteningDims;
  const variant = { layer, correction, ...(cut ? { whiteningDims: cut } : {}), precision, ...(precisionCheck ? { precisionCheck } : {}) };
  return `${JSON.stringify({ kbId, model, query, count, approximate: approximate ?? false, ...variant, results }, null, 2)}\n`;
}

/** A file name from the query: letters and digits only, so every OS takes it. */
export function resultsFileName(response: SearchResponse, extension: "csv" | "json"): string {
  const slug = response.query.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "").slice(0, 40) || "results";
  return `radar-${slug}.${extension}`;
}
