/**
 * The columns of a table document (CSV, TSV, JSON Lines) that a person can filter its rows by: each column kept
 * as metadata, with its distinct values. A column whose every row differs (an id, a date) or that has one value
 * only would make a useless filter, so it is left out. Pure.
 */
import type { EntryMetadata } from "@/lib/api/contract";

export interface FilterColumn {
  name: string;
  /** Sorted, distinct. */
  values: string[];
}

/** At most this many values a column: beyond it a select list stops being a quick choice. */
export const MAX_FILTER_VALUES = 40;

export function filterColumns(blocks: readonly { metadata?: EntryMetadata }[], maxValues = MAX_FILTER_VALUES): FilterColumn[] {
  const values = new Map<string, Set<string>>();
  let rows = 0;
  for (const block of blocks) {
    if (!block.metadata) continue;
    rows++;
    for (const [name, value] of Object.entries(block.metadata)) {
      const seen = values.get(name) ?? new Set<string>();
      seen.add(value);
      values.set(name, seen);
    }
  }
  return [...values]
    .filter(([, seen]) => seen.size >= 2 && seen.size <= maxValues && seen.size < rows)
    .map(([name, seen]) => ({ name, values: [...seen].sort((a, b) => a.localeCompare(b)) }));
}

/** The filter the API takes: only the columns with a value chosen. */
export function activeFilter(chosen: Readonly<Record<string, string>>): Record<string, string> | undefined {
  const entries = Object.entries(chosen).filter(([, value]) => value !== "");
  return entries.length ? Object.fromEntries(entries) : undefined;
}
