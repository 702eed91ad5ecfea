"use client";

import { useState } from "react";
import type { SearchResponse } from "@/lib/api/contract";
import { POOLING_LABELS } from "@/lib/pooling/strategies";

const KINDS = { keyword: "Keyword (BM25)", hybrid: "Hybrid (RRF)" } as const;
type Kind = keyof typeof KINDS;

/**
 * The side-by-side view's keyword column: BM25 hits (only entries that share a word with the query), or the
 * hybrid ranking. Their scores are of another kind than the cosines beside them, so they get no bar and no
 * band: a number, and a note on what it means.
 */
export function KeywordColumn({ response }: { response: SearchResponse }) {
  const [kind, setKind] = useState<Kind>("keyword");
  const hits = (kind === "keyword" ? response.results.keyword : response.results.hybrid) ?? [];
  const fused = response.hybridPooling ? POOLING_LABELS[response.hybridPooling] : "";
  return (
    <section data-testid="keyword-column" data-kind={kind} className="flex min-w-0 flex-col gap-3" aria-label={`Results, ${KINDS[kind]}`}>
      <h2 className="flex flex-wrap items-baseline justify-between gap-2 text-lg font-semibold">
        <span>{KINDS[kind]}</span>
        <span className="flex gap-3 text-sm font-normal" role="radiogroup" aria-label="Keyword column">
          {(Object.keys(KINDS) as Kind[]).map((k) => (
            <label key={k} className="flex items-center gap-1">
              <input type="radio" name="keyword-kind" checked={kind === k} onChange={() => setKind(k)} data-testid={`keyword-kind-${k}`} />
              {k === "keyword" ? "BM25" : "RRF"}
            </label>
          ))}
        </span>
      </h2>
      <p className="text-sm text-slate-600">
        {kind === "keyword"
          ? "Only entries sharing a word with the query. BM25 scores have no upper bound and compare only within this column."
          : `Keyword and ${fused} fused by rank: 1 / (60 + rank) summed. Only the order means something.`}
      </p>
      {hits.length === 0 ? <p className="text-sm text-slate-500" data-testid="keyword-empty">No entry shares a word with the query.</p> : null}
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
