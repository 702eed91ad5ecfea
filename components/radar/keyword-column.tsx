"use client";

import { useState } from "react";
import type { SearchResponse } from "@/lib/api/contract";
import { useI18n } from "../i18n/use-messages";

const KINDS = ["keyword", "hybrid"] as const;
type Kind = (typeof KINDS)[number];

/**
 * The side-by-side view's keyword column: BM25 hits (only entries that share a word with the query), or the
 * hybrid ranking. Their scores are of another kind than the cosines beside them, so they get no bar and no
 * band: a number, and a note on what it means.
 */
export function KeywordColumn({ response }: { response: SearchResponse }) {
  const { t } = useI18n();
  const words = t.keyword;
  const [kind, setKind] = useState<Kind>("keyword");
  const hits = (kind === "keyword" ? response.results.keyword : response.results.hybrid) ?? [];
  const fused = response.hybridPooling ? t.results.poolings[response.hybridPooling] : "";
  return (
    <section data-testid="keyword-column" data-kind={kind} className="flex min-w-0 flex-col gap-3" aria-label={words.columnLabel(words.kinds[kind])}>
      <h2 className="flex flex-wrap items-baseline justify-between gap-2 text-lg font-semibold">
        <span>{words.kinds[kind]}</span>
        <span className="flex gap-3 text-sm font-normal" role="radiogroup" aria-label={words.choose}>
          {KINDS.map((k) => (
            <label key={k} className="flex items-center gap-1">
              <input type="radio" name="keyword-kind" checked={kind === k} onChange={() => setKind(k)} data-testid={`keyword-kind-${k}`} />
              {words.short[k]}
            </label>
          ))}
        </span>
      </h2>
      <p className="text-sm text-slate-600">{kind === "keyword" ? words.keywordNote : words.hybridNote(fused)}</p>
      {hits.length === 0 ? (
        <p className="text-sm text-slate-500" data-testid="keyword-empty">
          {words.empty}
        </p>
      ) : null}
      <ol className="flex flex-col gap-1.5" data-testid="keyword-list">
        {hits.map((hit) => (
          <li key={hit.index} data-testid="keyword-row" className="grid grid-cols-[2rem_minmax(0,1fr)_auto] items-center gap-x-3 rounded-md border border-slate-200 bg-white px-3 py-2">
            <span className="text-right text-lg font-bold tabular-nums text-slate-500">{hit.rank}</span>
            <span className="break-words">{hit.text}</span>
            <span className="font-mono text-sm tabular-nums" data-testid="keyword-score">
              {kind === "keyword" ? hit.score.toFixed(3) : hit.score.toFixed(5)}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
