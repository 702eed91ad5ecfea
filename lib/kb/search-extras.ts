/**
 * What a search adds beside the semantic columns: keyword hits (BM25, in the document worker), the hybrid
 * ranking (reciprocal rank fusion of keyword and one pooling's ranking), the metadata filter, and each hit's
 * place in its document. Server-only.
 */
import "server-only";
import { AppError } from "../errors";
import type { Pooling } from "../pooling/strategies";
import type { Block, DocumentSource, EntryMetadata } from "./document/types";
import { keywordSearch } from "./document-pool";
import { reciprocalRankFusion } from "./keyword/rrf";
import type { HitPlace, HybridSearchHit, KeywordSearchHit, SearchHit, StoredKb } from "./types";

/** Rankings fused for the hybrid list go this deep: deep enough that a hit ranked low in one list still counts. */
export const HYBRID_DEPTH = 100;

/** Each entry's metadata (a table record's other columns), or undefined for entries without any. */
export function metadataOf(kb: StoredKb): (EntryMetadata | undefined)[] | undefined {
  const source = kb.source;
  if (!source?.document.blocks.some((block) => block.metadata)) return undefined;
  return source.chunks.map((chunk) => blockAt(source.document.blocks, chunk.start)?.metadata);
}

/** The entries a filter leaves (all must match), or undefined when there is no filter. */
export function filteredIndexes(kb: StoredKb, filter: Readonly<Record<string, string>> | undefined): number[] | undefined {
  if (!filter || Object.keys(filter).length === 0) return undefined;
  const metadata = metadataOf(kb);
  if (!metadata) throw new AppError("invalid_input", "`filter`: this knowledge base has no metadata to filter on: expected one imported from a table (CSV, TSV or JSON Lines).");
  const wanted = Object.entries(filter);
  const kept: number[] = [];
  metadata.forEach((fields, index) => {
    if (fields && wanted.every(([key, value]) => fields[key] === value)) kept.push(index);
  });
  return kept;
}

/** A hit's place in its document and its metadata (nothing for a knowledge base of plain entries). */
export function placeOf(kb: StoredKb, index: number, metadata: (EntryMetadata | undefined)[] | undefined): HitPlace {
  const chunk = kb.source?.chunks[index];
  const fields = metadata?.[index];
  return {
    ...(chunk ? { span: { start: chunk.start, end: chunk.end, ...(chunk.page !== undefined ? { page: chunk.page } : {}) } } : {}),
    ...(fields ? { metadata: fields } : {}),
  };
}

export async function keywordHits(kb: StoredKb, query: string, depth: number, allowed: number[] | undefined): Promise<{ hits: KeywordSearchHit[]; keywordMs: number }> {
  const started = performance.now();
  const { hits } = await keywordSearch(kb.id, kb.entries, query, depth, allowed);
  return { hits: hits.map((hit) => ({ ...hit, text: kb.entries[hit.index] })), keywordMs: performance.now() - started };
}

export function hybridHits(kb: StoredKb, keyword: readonly KeywordSearchHit[], semantic: readonly SearchHit[], topK: number): HybridSearchHit[] {
  return reciprocalRankFusion([keyword.map((hit) => hit.index), semantic.map((hit) => hit.index)], topK).map(({ index, score, rank, ranks }) => ({
    index, text: kb.entries[index], score, rank, keywordRank: ranks[0], semanticRank: ranks[1],
  }));
}

/** The pooling the hybrid list fuses: the model's native one when it was searched, else the first searched. */
export function hybridPoolingOf(poolings: readonly Pooling[], native: Pooling): Pooling {
  return poolings.includes(native) ? native : poolings[0];
}

function blockAt(blocks: readonly Block[], offset: number): Block | undefined {
  let lo = 0;
  let hi = blocks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (blocks[mid].end <= offset) lo = mid + 1;
    else if (blocks[mid].start > offset) hi = mid - 1;
    else return blocks[mid];
  }
  return undefined;
}

export type { DocumentSource };
