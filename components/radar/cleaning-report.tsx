"use client";

import { MAX_ENTRY_CHARS } from "@/lib/api/contract";
import type { CleaningReport as Report, TruncatedEntry } from "@/lib/api/contract";
import { useI18n, type I18n } from "../i18n/use-messages";

interface Props {
  report: Report;
  /** From the last embedding of this knowledge base: entries longer than the model's token window. */
  truncated: TruncatedEntry[] | null;
  maxTokens: number | undefined;
  /** Entries one knowledge base may hold on this server: past it, nothing "will be embedded". */
  maxEntries: number;
}

/** "24 entries (2 blank lines, 1 duplicate removed)", in the interface language. */
export function describeReport(report: Report, { t, n }: I18n): string {
  const { kb } = t;
  const removed = [
    report.blank ? kb.blank(n(report.blank), report.blank === 1) : "",
    report.symbolsOnly ? kb.symbolsOnly(n(report.symbolsOnly), report.symbolsOnly === 1) : "",
    report.duplicates ? kb.duplicates(n(report.duplicates), report.duplicates === 1) : "",
  ].filter(Boolean);
  const cuts = report.cutToChars.length;
  return kb.cleaned(
    kb.entries(n(report.kept), report.kept === 1),
    removed.length ? kb.removed(removed) : "",
    cuts ? kb.cutToChars(n(cuts), cuts === 1, n(MAX_ENTRY_CHARS)) : "",
  );
}

/** What will be embedded: entries kept, what cleaning removed, what will be cut. Shown before embedding. */
export function CleaningReport({ report, truncated, maxTokens, maxEntries }: Props) {
  const i18n = useI18n();
  const { t } = i18n;
  const removed = report.blank + report.symbolsOnly + report.duplicates;
  return (
    <div data-testid="cleaning-report" className="text-sm text-slate-600" aria-live="polite">
      <p>
        <span className={removed || report.cutToChars.length ? "font-medium text-amber-800" : ""}>{describeReport(report, i18n)}</span>
        {report.kept && report.kept <= maxEntries ? t.kb.willBeEmbedded : ""}
      </p>
      {truncated && truncated.length > 0 ? (
        <details data-testid="token-truncation" className="mt-1 text-amber-800">
          <summary className="cursor-pointer">{t.kb.tokenTruncation(truncated.length, String(maxTokens ?? ""))}</summary>
          <ul className="mt-1 list-disc pl-5">
            {truncated.slice(0, 20).map((entry) => (
              <li key={entry.index} className="break-words">
                {t.kb.tokenTruncationItem(entry.index + 1, entry.tokens, entry.keptTokens, entry.preview)}
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
