/**
 * Tables as documents: CSV and TSV (papaparse: quotes, delimiters, a quoted cell with line breaks stays one
 * cell) and JSON Lines. Each row is one record block: its text column is the text, every other non-empty column
 * is kept as the record's metadata (shown with each hit, usable as a search filter). Pure.
 */
import { AppError } from "../../errors";
import { parseCsv } from "../import-csv";
import { TextBuilder } from "./text-builder";
import type { EntryMetadata, ParsedDocument } from "./types";

const TEXT_FIELDS = ["text", "content", "body", "passage", "document", "sentence", "question", "title", "内容", "文本", "句子", "问题", "标题"];
/** Metadata values are labels: longer ones are cut. */
const MAX_METADATA_CHARS = 200;
/** At most this many metadata columns are kept. */
export const MAX_METADATA_COLUMNS = 20;

export function parseDelimited(text: string, format: "csv" | "tsv", name?: string, textColumn?: string): ParsedDocument {
  const table = parseCsv(text, true);
  const column = textColumn === undefined ? table.textColumn : table.columns.indexOf(textColumn);
  if (column < 0) throw new AppError("invalid_input", `The table has no column "${textColumn}": expected one of ${table.columns.map((c) => `"${c}"`).join(", ")}.`);
  const builder = new TextBuilder();
  for (const row of table.rows) {
    const metadata: EntryMetadata = {};
    table.columns.forEach((name, i) => {
      if (i !== column && row[i] !== "" && Object.keys(metadata).length < MAX_METADATA_COLUMNS) metadata[name] = row[i].slice(0, MAX_METADATA_CHARS);
    });
    builder.add("record", row[column], { metadata });
  }
  return builder.build(format, name);
}

export function parseJsonLines(text: string, name?: string, textField?: string): ParsedDocument {
  const builder = new TextBuilder();
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  lines.forEach((line, i) => {
    if (line.trim() === "") return;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      throw new AppError("invalid_input", `Line ${i + 1} of the JSON Lines file is not JSON (${(error as Error).message}): expected one JSON object a line.`);
    }
    if (typeof record !== "object" || record === null || Array.isArray(record)) {
      throw new AppError("invalid_input", `Line ${i + 1} of the JSON Lines file is not an object: expected one JSON object a line, such as {"text": "..."}.`);
    }
    const fields = record as Record<string, unknown>;
    const field = textField ?? TEXT_FIELDS.find((key) => typeof fields[key] === "string") ?? longestString(fields);
    if (field === undefined || typeof fields[field] !== "string") {
      throw new AppError("invalid_input", `Line ${i + 1} of the JSON Lines file has no text${textField ? ` in "${textField}"` : ""}: expected a string field such as "text".`);
    }
    const metadata: EntryMetadata = {};
    for (const [key, value] of Object.entries(fields)) {
      if (key === field || value === null || value === undefined || Object.keys(metadata).length >= MAX_METADATA_COLUMNS) continue;
      metadata[key] = (typeof value === "string" ? value : JSON.stringify(value)).slice(0, MAX_METADATA_CHARS);
    }
    builder.add("record", fields[field] as string, { metadata });
  });
  return builder.build("jsonl", name);
}

function longestString(fields: Record<string, unknown>): string | undefined {
  let best: string | undefined;
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === "string" && (best === undefined || value.length > (fields[best] as string).length)) best = key;
  }
  return best;
}
