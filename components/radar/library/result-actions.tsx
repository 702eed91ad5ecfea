"use client";

import { useState } from "react";
import type { SearchResponse } from "@/lib/api/contract";
import { resultsCsv, resultsFileName, resultsJson } from "./results-export";
import { useI18n } from "../../i18n/use-messages";

interface Props {
  response: SearchResponse;
  /** The shareable link of this search (path and query). */
  link: string | null;
  /** The origin links are copied with: the room's address when the server has one (use-room-info.ts). */
  origin: string;
}

function download(text: string, fileName: string, type: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const anchor = Object.assign(document.createElement("a"), { href: url, download: fileName });
  anchor.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Above the results: whether they are approximate, a link to share them, and the ranked results as files. */
export function ResultActions({ response, link, origin }: Props) {
  const { t } = useI18n();
  const [copied, setCopied] = useState<string | null>(null);
  const button = "rounded border border-slate-300 px-2 py-0.5 text-sm hover:bg-slate-100";
  const absolute = link ? new URL(link, origin).toString() : null;

  async function copy() {
    if (!absolute) return;
    try {
      await navigator.clipboard.writeText(absolute);
      setCopied(t.results.linkCopied);
    } catch {
      setCopied(t.results.copyThisLink(absolute));
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="result-actions">
      {response.approximate ? (
        <span className="rounded bg-amber-100 px-2 py-0.5 text-sm text-amber-900" data-testid="approximate-badge" title={t.results.approximateTitle}>
          {t.results.approximate}
        </span>
      ) : null}
      <button type="button" className={button} onClick={() => void copy()} disabled={!absolute} data-testid="copy-link">
        {t.results.copyLink}
      </button>
      <button type="button" className={button} onClick={() => download(resultsCsv(response), resultsFileName(response, "csv"), "text/csv")} data-testid="export-csv">
        {t.results.exportCsv}
      </button>
      <button type="button" className={button} onClick={() => download(resultsJson(response), resultsFileName(response, "json"), "application/json")} data-testid="export-json">
        {t.results.exportJson}
      </button>
      <span role="status" className="text-sm text-slate-600" data-testid="copy-status">
        {copied}
      </span>
    </div>
  );
}
