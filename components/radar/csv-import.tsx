"use client";

import { useState } from "react";
import { cleanEntries } from "@/lib/kb/clean";
import { columnEntries, parseCsv, type CsvTable } from "@/lib/kb/import-csv";

interface Props {
  fileName: string;
  text: string;
  onImport: (entries: string[]) => void;
  onCancel: () => void;
}

const PREVIEW_ROWS = 3;

/** Picks the text column of an imported CSV/TSV (guessed, changeable) and whether its first row is a header. */
export function CsvImport({ fileName, text, onImport, onCancel }: Props) {
  const [table, setTable] = useState<CsvTable>(() => parseCsv(text));
  const [column, setColumn] = useState(table.textColumn);
  const entries = columnEntries(table, column);
  const usable = cleanEntries(entries).report.kept;

  function toggleHeader(hasHeader: boolean) {
    const next = parseCsv(text, hasHeader);
    setTable(next);
    setColumn(Math.min(column, next.columns.length - 1));
  }

  return (
    <section data-testid="csv-import" className="rounded-lg border border-blue-300 bg-blue-50 p-3 text-sm" aria-label="Import CSV">
      <p className="font-semibold">
        Import {fileName}: {table.rows.length.toLocaleString("en")} rows, {table.columns.length} columns
      </p>
      {table.warning ? <p className="text-amber-800">Note: {table.warning}</p> : null}
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <label className="flex items-center gap-1">
          Text column
          <select
            data-testid="csv-column"
            value={column}
            onChange={(event) => setColumn(Number(event.target.value))}
            className="rounded border border-slate-300 bg-white px-1 py-0.5"
          >
            {table.columns.map((name, i) => (
              <option key={i} value={i}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-1">
          <input type="checkbox" checked={table.hasHeader} onChange={(event) => toggleHeader(event.target.checked)} data-testid="csv-header" />
          First row is a header
        </label>
      </div>
      <ul className="mt-2 list-disc pl-5 text-slate-700">
        {entries.slice(0, PREVIEW_ROWS).map((entry, i) => (
          <li key={i} className="truncate">
            {entry || <em>(empty)</em>}
          </li>
        ))}
      </ul>
      <div className="mt-2 flex gap-2">
        <button
          type="button"
          data-testid="csv-confirm"
          onClick={() => onImport(entries)}
          disabled={usable === 0}
          className="rounded-md bg-blue-700 px-3 py-1 font-medium text-white hover:bg-blue-800 disabled:opacity-50"
        >
          Replace the knowledge base with {usable.toLocaleString("en")} entries
        </button>
        <button type="button" onClick={onCancel} className="rounded-md border border-slate-300 bg-white px-3 py-1">
          Cancel
        </button>
      </div>
    </section>
  );
}
