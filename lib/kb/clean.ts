/**
 * Knowledge-base cleaning, shared by the browser (a report before embedding) and the API (the same rules for
 * every caller). Pure: no I/O.
 */
import { AppError } from "../errors";
import { MAX_ENTRIES, MAX_ENTRY_CHARS } from "./limits";
import type { CleaningReport } from "./types";

export interface CleanedKb {
  entries: string[];
  report: CleaningReport;
}

// A line with no letter and no digit in any script ("---", "***", "。。", "🙂") carries no meaning to embed.
export const HAS_MEANING = /[\p{L}\p{N}]/u;

// Half of a UTF-16 surrogate pair with no other half: no character, and no UTF-8 encoding.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * The text with each lone surrogate replaced by U+FFFD, as String.prototype.toWellFormed does. The store keeps
 * UTF-8, which turns a lone surrogate into U+FFFD anyway: doing it here first means the id is computed from the
 * text that is saved, so the saved knowledge base exports and imports again under the same id.
 */
export function wellFormed(text: string): string {
  return text.replace(LONE_SURROGATE, "\uFFFD");
}

/** One entry per line; Windows and old-Mac line ends both count. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** Cuts to at most `max` characters without splitting a surrogate pair (an emoji or rare CJK character). */
export function cutToChars(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text[max - 1]) ? max - 1 : max;
  return text.slice(0, end);
}

/** Makes entries well-formed, trims them, drops blank, symbol-only and duplicate ones, cuts over-long ones; says what it did. */
export function cleanEntries(lines: readonly string[]): CleanedKb {
  const seen = new Set<string>();
  const entries: string[] = [];
  const report: CleaningReport = { given: lines.length, kept: 0, blank: 0, symbolsOnly: 0, duplicates: 0, cutToChars: [] };
  for (const line of lines) {
    const text = wellFormed(line).trim();
    if (text === "") report.blank++;
    else if (!HAS_MEANING.test(text)) report.symbolsOnly++;
    else if (seen.has(text)) report.duplicates++;
    else {
      seen.add(text);
      if (text.length > MAX_ENTRY_CHARS) report.cutToChars.push({ index: entries.length, chars: text.length });
      entries.push(cutToChars(text, MAX_ENTRY_CHARS));
    }
  }
  report.kept = entries.length;
  return { entries, report };
}

/** Cleans and enforces the knowledge-base limits: not empty after cleaning, at most `limit` entries. */
export function cleanKnowledgeBase(lines: readonly string[], limit = MAX_ENTRIES): CleanedKb {
  if (lines.length === 0) {
    throw new AppError("empty_input", "The knowledge base is empty: expected at least one entry, got none.");
  }
  const cleaned = cleanEntries(lines);
  const { report } = cleaned;
  if (report.kept === 0) {
    throw new AppError(
      "empty_input",
      `The knowledge base is empty after cleaning: expected at least one entry with a letter or digit, got ${report.given} ` +
        `(${report.blank} blank, ${report.symbolsOnly} only symbols).`,
    );
  }
  if (report.kept > limit) {
    throw new AppError(
      "too_large",
      `The knowledge base has too many entries: expected at most ${limit.toLocaleString("en")}, got ${report.kept.toLocaleString("en")}.`,
    );
  }
  return cleaned;
}

/** One line for people: "24 entries (2 blank lines, 1 duplicate removed)". */
export function summarizeReport(report: CleaningReport): string {
  const removed = [
    plural(report.blank, "blank line"),
    plural(report.symbolsOnly, "line of only symbols", "lines of only symbols"),
    plural(report.duplicates, "duplicate"),
  ].filter(Boolean);
  const cut = report.cutToChars.length
    ? `; ${plural(report.cutToChars.length, "entry", "entries")} over ${MAX_ENTRY_CHARS.toLocaleString("en")} characters cut`
    : "";
  const head = plural(report.kept, "entry", "entries") || "0 entries";
  return removed.length ? `${head} (${removed.join(", ")} removed${cut})` : `${head}${cut ? ` (${cut.slice(2)})` : ""}`;
}

function plural(count: number, one: string, many = `${one}s`): string {
  if (count === 0) return "";
  return `${count.toLocaleString("en")} ${count === 1 ? one : many}`;
}
