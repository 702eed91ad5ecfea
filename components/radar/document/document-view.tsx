"use client";

import { useMemo } from "react";
import { bandOf, type Band } from "@/lib/kb/bands";
import type { ChunkSpan, ParsedDocument } from "@/lib/api/contract";
import { useI18n } from "../../i18n/use-messages";

/** The colours of the radar's score bands (result-row.tsx), as backgrounds behind the matching text. */
const BAND_SHADES: Record<Band, string> = {
  high: "bg-emerald-300 dark:bg-emerald-700",
  medium: "bg-emerald-100 dark:bg-emerald-900",
  weak: "bg-amber-100 dark:bg-amber-900",
  unrelated: "",
};

interface Props {
  idPrefix: string;
  document: ParsedDocument;
  chunks: ChunkSpan[];
  /** Cosine score per chunk index (semantic hits only: other kinds of score are never shaded on this scale). */
  scores: Map<number, number>;
  /** Chunks marked as hits of the list beside (keyword or hybrid), by rank. */
  marked: Map<number, number>;
}

interface Piece {
  start: number;
  end: number;
  chunk?: ChunkSpan;
}

/** The document's text, blocks as paragraphs (headings as headings), each chunk shaded by its score. */
export function DocumentView({ idPrefix, document, chunks, scores, marked }: Props) {
  const strings = useI18n().t.documents;
  const blocks = useMemo(() => document.blocks.map((block) => ({ block, pieces: piecesOf(block, chunks) })), [document, chunks]);
  let lastPage = 0;
  return (
    // A region of its own that the keyboard can scroll (tabIndex): the document is taller than its box.
    <div data-testid="document-view" role="region" tabIndex={0} aria-label={strings.documentView} className="max-h-[70vh] overflow-y-auto rounded-lg border border-slate-200 bg-white p-4 leading-7">
      {blocks.map(({ block, pieces }) => {
        const page = pageOf(document, block.start);
        const marker = page && page !== lastPage ? page : null;
        if (page) lastPage = page;
        const content = pieces.map((piece) => {
          const text = document.text.slice(piece.start, piece.end);
          if (!piece.chunk) return <span key={piece.start}>{text}</span>;
          const score = scores.get(piece.chunk.index);
          const rank = marked.get(piece.chunk.index);
          const shade = score === undefined ? "" : BAND_SHADES[bandOf(score)];
          return (
            <span
              key={piece.start}
              id={piece.start === Math.max(block.start, piece.chunk.start) ? `${idPrefix}-chunk-${piece.chunk.index}` : undefined}
              data-testid="doc-chunk"
              data-index={piece.chunk.index}
              data-score={score === undefined ? "" : score.toFixed(4)}
              data-band={score === undefined ? "" : bandOf(score)}
              data-marked={rank ?? ""}
              title={score === undefined ? undefined : strings.cosineTitle(score.toFixed(4))}
              className={`${shade} ${rank ? "outline outline-2 outline-blue-600" : ""} scroll-mt-24 rounded-sm`}
            >
              {text}
            </span>
          );
        });
        const Tag = block.kind === "heading" ? "h3" : "p";
        return (
          <div key={block.start}>
            {marker ? (
              <p id={`${idPrefix}-page-${marker}`} data-testid="page-marker" className="my-2 border-t border-dashed border-slate-300 pt-1 text-xs text-slate-500">
                {strings.page(String(marker))}
              </p>
            ) : null}
            <Tag className={block.kind === "heading" ? "mb-2 mt-3 text-lg font-semibold" : "mb-3 whitespace-pre-wrap"}>{content}</Tag>
            {block.metadata ? <p className="-mt-2 mb-3 text-xs text-slate-500">{Object.entries(block.metadata).map(([k, v]) => `${k}: ${v}`).join(" · ")}</p> : null}
          </div>
        );
      })}
    </div>
  );
}

/** A block cut where chunks begin and end (overlapping windows: each piece belongs to the first chunk covering it). */
function piecesOf(block: { start: number; end: number }, chunks: readonly ChunkSpan[]): Piece[] {
  const inside = chunks.filter((chunk) => chunk.end > block.start && chunk.start < block.end);
  const cuts = new Set([block.start, block.end]);
  for (const chunk of inside) {
    cuts.add(Math.max(block.start, chunk.start));
    cuts.add(Math.min(block.end, chunk.end));
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const pieces: Piece[] = [];
  for (let i = 0; i + 1 < sorted.length; i++) {
    const [start, end] = [sorted[i], sorted[i + 1]];
    pieces.push({ start, end, chunk: inside.find((chunk) => chunk.start <= start && chunk.end >= end) });
  }
  return pieces;
}

function pageOf(document: ParsedDocument, offset: number): number | undefined {
  let found: number | undefined;
  for (const page of document.pages ?? []) if (page.start <= offset) found = page.number;
  return found;
}
