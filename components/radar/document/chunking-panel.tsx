"use client";

import { useState } from "react";
import type { SearchResponse } from "@/lib/api/contract";
import { ChunkReportView } from "./chunk-report";
import { DocumentView } from "./document-view";
import { hitsOf, LIST_KINDS, RankedList, type ListKind } from "./ranked-list";
import { useI18n } from "../../i18n/use-messages";
import type { BuiltChunking } from "./use-document-search";

/** One chunking of the document: its report, the document with its chunks shaded, and a ranked list beside it. */
export function ChunkingPanel({ idPrefix, built, response }: { idPrefix: string; built: BuiltChunking; response: SearchResponse | undefined }) {
  const { t, n } = useI18n();
  const strings = t.documents;
  const [kind, setKind] = useState<ListKind>("semantic");
  const semantic = response ? hitsOf(response, "semantic") : [];
  const listed = response ? hitsOf(response, kind) : [];
  const scores = new Map(semantic.map((hit) => [hit.index, hit.score]));
  const marked = new Map(kind === "semantic" ? [] : listed.map((hit) => [hit.index, hit.rank]));
  const best = listed[0];
  return (
    <section data-testid="chunking-panel" data-method={built.chunking.method} className="flex min-w-0 flex-col gap-3">
      <h2 className="text-lg font-semibold">
        {strings.methods[built.chunking.method]}
        {built.chunking.size ? ` · ${built.chunking.size} / ${built.chunking.overlap ?? 0}` : ""}
      </h2>
      {built.report ? <ChunkReportView report={built.report} /> : null}
      {built.resumed ? <p className="text-sm text-slate-700" data-testid="resumed">{strings.resumed(n(built.resumed))}</p> : null}
      <div className="flex flex-wrap items-center gap-2 text-sm" role="radiogroup" aria-label={strings.rankBy}>
        {LIST_KINDS.map((k) => (
          <label key={k} className="flex items-center gap-1">
            <input type="radio" name={`${idPrefix}-kind`} checked={kind === k} onChange={() => setKind(k)} data-testid={`list-kind-${k}`} />
            {strings.columns[k]}
          </label>
        ))}
        {best ? (
          <button
            type="button"
            data-testid="jump-best"
            className="ml-auto rounded-md border border-slate-300 px-2 py-1 font-medium hover:bg-slate-100"
            onClick={() => document.getElementById(`${idPrefix}-chunk-${best.index}`)?.scrollIntoView({ block: "center" })}
          >
            {strings.jumpToBest}
          </button>
        ) : null}
      </div>
      <div className="grid gap-3 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <DocumentView idPrefix={idPrefix} document={built.document} chunks={built.chunks} scores={scores} marked={marked} />
        {response ? <RankedList idPrefix={idPrefix} kind={kind} hits={listed} /> : null}
      </div>
    </section>
  );
}
