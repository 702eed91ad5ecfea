"use client";

import { useI18n } from "../../i18n/use-messages";
import type { FilterColumn } from "./filter-columns";

interface Props {
  columns: FilterColumn[];
  chosen: Record<string, string>;
  onChoose: (column: string, value: string) => void;
  /** How many rows the last search's filter left, when one was applied. */
  filtered?: number;
}

/** A table's columns as filters: the search ranks only the rows whose columns have the values chosen. */
export function MetadataFilter({ columns, chosen, onChoose, filtered }: Props) {
  const { t, n } = useI18n();
  const words = t.documents;
  if (columns.length === 0) return null;
  return (
    <fieldset className="flex flex-wrap items-end gap-3 text-sm" data-testid="metadata-filter">
      <legend className="font-medium">{words.filter}</legend>
      {columns.map((column) => (
        <label key={column.name} className="flex flex-col">
          {words.filterColumn(column.name)}
          <select
            value={chosen[column.name] ?? ""}
            onChange={(event) => onChoose(column.name, event.target.value)}
            className="rounded border border-slate-300 bg-white px-2 py-1"
            data-testid={`filter-${column.name}`}
          >
            <option value="">{words.anyValue}</option>
            {column.values.map((value) => (
              <option key={value} value={value}>
                {value}
              </option>
            ))}
          </select>
        </label>
      ))}
      {filtered !== undefined ? (
        <span className="text-slate-600" data-testid="filtered-count">
          {words.filtered(n(filtered))}
        </span>
      ) : null}
    </fieldset>
  );
}
