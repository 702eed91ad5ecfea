"use client";

import { bandOf } from "@/lib/kb/bands";
import type { SearchResponse } from "@/lib/api/contract";
import { useI18n } from "../../i18n/use-messages";

export const LIST_KINDS = ["semantic", "keyword", "hybrid"] as const;
export type ListKind = (typeof LIST_KINDS)[number];

export interface ListedHit {
  index: number;
  text: string;
  score: number;
  rank: number;
  span?: { start: number; end: number; page?: number };
  metadata?: Record<string, string>;
}

/** The hits of one kind: semantic under the model's pooling, keyword (BM25) or hybrid (RRF). */
export function hitsOf(response: SearchResponse, kind: ListKind): ListedHit[] {
  if (kind === "keyword") return response.results.keyword ?? [];
  if (kind === "hybrid") return response.results.hybrid ?? [];
  const semantic = Object.entries(response.results).find(([key]) => key !== "keyword" && key !== "hybrid");
  return (semantic?.[1] as ListedHit[] | undefined) ?? [];
}

/** A ranked list beside the document: each hit links to its place (its page in a PDF). */
export function RankedList({ idPrefix, kind, hits }: { idPrefix: string; kind: ListKind; hits: ListedHit[] }) {
  const strings = useI18n().t.documents;
  const scale = kind === "keyword" ? strings.keywordScale : kind === "hybrid" ? strings.hybridScale : null;
  return (
    <section data-testid="document-hits" data-kind={kind} aria-label={strings.columns[kind]} className="flex min-w-0 flex-col gap-2">
      <h3 className="font-semibold">{strings.columns[kind]}</h3>
      {scale ? <p className="text-xs text-slate-600">{scale}</p> : null}
      {hits.length === 0 ? <p className="text-sm text-slate-500">{strings.noHits}</p> : null}
      <ol className="flex flex-col gap-1.5">
        {hits.map((hit) => (
          <li key={hit.index} data-testid="document-hit" data-index={hit.index} className="rounded-md border border-slate-200 bg-white px-2 py-1.5 text-sm">
            <a
              href={`#${idPrefix}-chunk-${hit.index}`}
              data-testid="hit-link"
              onClick={(event) => {
                event.preventDefault();
                document.getElementById(`${idPrefix}-chunk-${hit.index}`)?.scrollIntoView({ block: "center" });
              }}
              className="block"
            >
              <span className="mr-2 font-bold tabular-nums text-slate-500">{hit.rank}</span>
              <span className="line-clamp-3">{hit.text}</span>
            </a>
            <span className="mt-1 flex flex-wrap items-center gap-2 text-xs text-slate-600">
              {/* Cosines read against the bands; BM25 and fused scores are shown as numbers only. */}
              {kind === "semantic" ? <span data-testid="hit-band">{bandOf(hit.score)}</span> : null}
              <span className="font-mono" data-testid="hit-score">{kind === "hybrid" ? hit.score.toFixed(5) : hit.score.toFixed(4)}</span>
              {hit.span?.page !== undefined ? (
                <a data-testid="hit-page" href={`#${idPrefix}-page-${hit.span.page}`} className="text-blue-700 underline">
                  {strings.page(String(hit.span.page))}
                </a>
              ) : null}
              {hit.metadata ? <span data-testid="hit-metadata">{Object.entries(hit.metadata).map(([k, v]) => `${k}: ${v}`).join(" · ")}</span> : null}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
