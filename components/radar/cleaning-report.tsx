"use client";

import { summarizeReport } from "@/lib/kb/clean";
import type { CleaningReport as Report, TruncatedEntry } from "@/lib/api/contract";

interface Props {
  report: Report;
  /** From the last embedding of this knowledge base: entries longer than the model's token window. */
  truncated: TruncatedEntry[] | null;
  maxTokens: number | undefined;
}

/** What will be embedded: entries kept, what cleaning removed, what will be cut. Shown before embedding. */
export function CleaningReport({ report, truncated, maxTokens }: Props) {
  const removed = report.blank + report.symbolsOnly + report.duplicates;
  return (
    <div data-testid="cleaning-report" className="text-sm text-slate-600" aria-live="polite">
      <p>
        <span className={removed || report.cutToChars.length ? "font-medium text-amber-800" : ""}>{summarizeReport(report)}</span>
        {report.kept ? " will be embedded." : ""}
      </p>
      {truncated && truncated.length > 0 ? (
        <details data-testid="token-truncation" className="mt-1 text-amber-800">
          <summary className="cursor-pointer">
            {truncated.length} {truncated.length === 1 ? "entry is" : "entries are"} longer than the model&apos;s {maxTokens ?? ""} tokens: only the
            start is embedded.
          </summary>
          <ul className="mt-1 list-disc pl-5">
            {truncated.slice(0, 20).map((entry) => (
              <li key={entry.index}>
                #{entry.index + 1} ({entry.tokens} tokens, {entry.keptTokens} kept): {entry.preview}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
