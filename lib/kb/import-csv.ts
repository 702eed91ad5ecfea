/**
 * CSV/TSV import for the knowledge-base editor: papaparse does the parsing (quotes, delimiters, line ends);
 * this file only guesses the header and the text column, which the person can then change.
 */
import Papa from "papaparse";
import { AppError } from "../errors";

export interface CsvTable {
  /** Column names: the header row's cells, or "Column 1", "Column 2", ... */
  columns: string[];
  /** Data rows (the header excluded when `hasHeader`), each padded to `columns.length`. */
  rows: string[][];
  hasHeader: boolean;
  /** The column most likely to hold the text: a known name, else the longest average cell. */
  textColumn: number;
  /** papaparse's first complaint, if any (e.g. an unclosed quote), for the import dialog. */
  warning?: string;
}

const TEXT_COLUMN_NAMES = /^(text|texts|content|sentence|sentences|entry|entries|document|passage|body|question|title|内容|文本|句子|问题|标题)$/i;
// A header cell is a short label; a cell of a text column is a sentence.
const MAX_HEADER_CELL_CHARS = 40;

/** Parses CSV or TSV text (delimiter auto-detected). Throws AppError for a file with no cells at all. */
export function parseCsv(text: string, hasHeader?: boolean): CsvTable {
  const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: "greedy" });
  const all = parsed.data.filter((row) => row.some((cell) => cell.trim() !== ""));
  if (all.length === 0) {
    throw new AppError("empty_input", "The file has no rows: expected CSV or TSV text with at least one non-empty cell.");
  }
  const width = Math.max(...all.map((row) => row.length));
  const padded = all.map((row) => Array.from({ length: width }, (_, i) => (row[i] ?? "").trim()));
  const header = hasHeader ?? guessHasHeader(padded);
  const rows = header ? padded.slice(1) : padded;
  const columns = header ? padded[0].map((name, i) => name || `Column ${i + 1}`) : padded[0].map((_, i) => `Column ${i + 1}`);
  const warning = parsed.errors[0] ? `Row ${(parsed.errors[0].row ?? 0) + 1}: ${parsed.errors[0].message}` : undefined;
  return { columns, rows, hasHeader: header, textColumn: guessTextColumn(columns, rows, header), warning };
}

/**
 * The cells of one column, in row order: the entries to put in the editor, one a line. A quoted cell with line
 * breaks stays one entry: its line breaks become spaces (the Documents page keeps them, and the other columns).
 */
export function columnEntries(table: CsvTable, column: number): string[] {
  if (!Number.isInteger(column) || column < 0 || column >= table.columns.length) {
    throw new AppError(
      "invalid_input",
      `Expected a column from 0 to ${table.columns.length - 1}, got ${column}.`,
    );
  }
  return table.rows.map((row) => row[column].replace(/\s*(?:\r\n|\r|\n)\s*/g, " "));
}

function guessHasHeader(rows: string[][]): boolean {
  if (rows.length < 2) return false;
  const first = rows[0];
  const looksLikeLabels = first.every((cell) => cell !== "" && cell.length <= MAX_HEADER_CELL_CHARS && !/^[-+\d.,\s]+$/.test(cell));
  if (!looksLikeLabels) return false;
  if (first.some((cell) => TEXT_COLUMN_NAMES.test(cell))) return true;
  // Labels are much shorter than the sentences under them.
  const column = longestColumn(rows.slice(1));
  return first[column].length * 2 < meanLength(rows.slice(1), column);
}

function guessTextColumn(columns: string[], rows: string[][], hasHeader: boolean): number {
  if (hasHeader) {
    const named = columns.findIndex((name) => TEXT_COLUMN_NAMES.test(name));
    if (named >= 0) return named;
  }
  return longestColumn(rows);
}

function longestColumn(rows: string[][]): number {
  const width = rows[0]?.length ?? 0;
  let best = 0;
  for (let column = 1; column < width; column++) {
    if (meanLength(rows, column) > meanLength(rows, best)) best = column;
  }
  return best;
}

function meanLength(rows: string[][], column: number): number {
  if (rows.length === 0) return 0;
  return rows.reduce((sum, row) => sum + (row[column]?.length ?? 0), 0) / rows.length;
}
