"use client";

import { useState } from "react";
import { cleanEntries } from "@/lib/kb/clean";
import { columnEntries, parseCsv, type CsvTable } from "@/lib/kb/import-csv";
import { useI18n } from "../i18n/use-messages";

interface Props {
  fileName: string;
  text: string;
  onImport: (entries: string[]) => void;
  onCancel: () => void;
}

const PREVIEW_ROWS = 3;

/** Picks the text column of an imported CSV/TSV (guessed, changeable) and whether its first row is a header. */
export function CsvImport({ fileName, text, onImport, onCancel }: Props) {
  const { t, n } = useI18n();
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
    <section data-testid="csv-import" className="rounded-lg border border-blue-300 bg-blue-50 p-3 text-sm" aria-label={t.kb.csvLabel}>
      <p className="font-semibold">
        {t.kb.csvTitle(fileName, n(table.rows.length), table.columns.length)}
      </p>
      {table.warning ? <p className="text-amber-800">{t.kb.csvNote(table.warning)}</p> : null}
      <div className="mt-2 flex flex-wrap items-center gap-3">
        <label className="flex items-center gap-1">
          {t.kb.csvColumn}
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
          {t.kb.csvHeader}
        </label>
      </div>
      <ul className="mt-2 list-disc pl-5 text-slate-700">
        {entries.slice(0, PREVIEW_ROWS).map((entry, i) => (
          <li key={i} className="truncate">
            {entry || <em>{t.kb.csvEmpty}</em>}
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
          {t.kb.csvReplace(n(usable))}
        </button>
        <button type="button" onClick={onCancel} className="rounded-md border border-slate-300 bg-white px-3 py-1">
          {t.common.cancel}
        </button>
      </div>
    </section>
  );
}
