/**
 * Ranks a knowledge base against a query under each requested pooling. Server-only: takes the request's one
 * permit, finds the knowledge base (or embeds a one-off one under the same permit), embeds the query with the
 * model's query prompt (coalesced with every other query waiting, scheduler.ts), and the repository ranks it
 * against the stored document vectors of the same pooling.
 */
import "server-only";
import { admission, defaultModelId, getModelInfo, loadEngine, type EmbeddingEngine, type Permit } from "../engine";
import type { Pooling } from "../pooling/strategies";
import { matryoshkaCut } from "../pooling/matryoshka";
import { checkDimensions } from "../engine/dimensions-rule";
import { loadKbJob, prepareKb, throwIfCancelled } from "./build-kb";
import { kbRepository, type OpenedKb } from "./repository";
import { AppError } from "../errors";
import type { RankReply } from "./rank-protocol";
import { filteredIndexes, HYBRID_DEPTH, hybridHits, hybridPoolingOf, keywordHits, metadataOf, placeOf } from "./search-extras";
import { isDefaultVariant, searchVariant, variantOf } from "./search-variant";
import type { PrecisionCheck, SearchInput, SearchResult, SearchResults, Timings } from "./types";

export async function searchKb(request: SearchInput, signal?: AbortSignal): Promise<SearchResult> {
  const started = performance.now();
  const timings: Timings = { totalMs: 0 };
  // A cut of a model without Matryoshka training is refused before any work, as the OpenAI route refuses it.
  if (request.dimensions !== undefined && !request.kbId) checkDimensions(getModelInfo(request.model ?? defaultModelId()), request.dimensions, "refuse");
  const permit = admission().acquire();
  try {
    const { opened, engine } = request.kbId ? await savedKb(request.kbId) : await oneOffKb(request, permit, signal, timings);
    const { kb, approximate } = opened;
    throwIfCancelled(signal);
    const poolings = request.poolings ? [...request.poolings] : [engine.info.model.nativePooling];
    const model = engine.info.model;
    if (request.dimensions !== undefined) checkDimensions(model, request.dimensions, "refuse");
    const dims = request.dimensions ?? kb.dims;
    const allowed = filteredIndexes(kb, request.filter);
    if (allowed && approximate) throw new AppError("invalid_input", "`filter`: this knowledge base is searched approximately (HNSW), which cannot filter: expected one within the server's exact-search size.");
    const wantsKeyword = request.keyword === true || request.hybrid === true;
    const depth = request.hybrid ? Math.max(request.topK, HYBRID_DEPTH) : request.topK;
    const variant = variantOf(request, engine);
    const offDefault = !isDefaultVariant(request, engine);
    if (offDefault && request.dimensions !== undefined) {
      throw new AppError("invalid_input", "`dimensions`: a Matryoshka cut is not combined with another layer, correction or precision; expected one or the other.");
    }
    // A filter ranks every entry and keeps those it allows (the rank worker scores them all anyway).
    const rankK = Math.min(kb.entries.length, allowed ? kb.entries.length : depth);
    const [ranked, keyword] = await Promise.all([
      offDefault
        ? rankVariantOf({ kb, engine, request, poolings, permit, signal, rankK })
        : rankStored({ opened, engine, query: request.query, poolings, dims, rankK, permit, signal }),
      wantsKeyword ? keywordHits(kb, request.query, depth, allowed) : undefined,
    ]);
    const semantic = allowed ? keepAllowed(ranked.hits, allowed) : ranked.hits;
    const metadata = metadataOf(kb);
    const placed = <T extends { index: number }>(hit: T) => ({ ...hit, text: kb.entries[hit.index], ...placeOf(kb, hit.index, metadata) });
    const results: SearchResults = Object.fromEntries(Object.entries(semantic).map(([p, list]) => [p, list!.slice(0, request.topK).map(placed)]));
    const hybridPooling = hybridPoolingOf(poolings, model.nativePooling);
    if (request.keyword && keyword) results.keyword = keyword.hits.slice(0, request.topK).map(placed);
    if (request.hybrid && keyword) results.hybrid = hybridHits(kb, keyword.hits, (semantic[hybridPooling] ?? []).map(placed), request.topK).map(placed);

    Object.assign(timings, ranked.timings, keyword ? { keywordMs: keyword.keywordMs } : {});
    timings.totalMs = performance.now() - started;
    const cut = dims === kb.dims ? {} : { dimensions: { used: dims, of: kb.dims } };
    return {
      kbId: kb.id, model: kb.modelId, query: request.query, count: kb.entries.length, results, histograms: ranked.histograms,
      ...(request.hybrid ? { hybridPooling } : {}), ...(allowed ? { filtered: allowed.length } : {}),
      truncatedQuery: ranked.truncatedQuery, approximate, ...cut, variant, ...(ranked.precisionCheck ? { precisionCheck: ranked.precisionCheck } : {}), timings,
    };
  } finally {
    permit.release();
  }
}

/** The semantic side of a search, from the stored vectors or from a layer, correction or precision off the defaults. */
export interface SemanticRanking {
  hits: RankReply["hits"];
  histograms: SearchResult["histograms"];
  truncatedQuery: boolean;
  precisionCheck?: Partial<Record<Pooling, PrecisionCheck>>;
  timings: Timings;
}

/** Off the defaults: the knowledge base at the asked layer, corrected and scored at the asked precision (search-variant.ts). */
async function rankVariantOf(search: Parameters<typeof searchVariant>[0] & { rankK: number }): Promise<SemanticRanking> {
  const started = performance.now();
  const { rankK, ...rest } = search;
  const ranked = await searchVariant({ ...rest, rankK });
  return { ...ranked, timings: { totalMs: 0, scoreMs: performance.now() - started } };
}

/** The default search: the query embedded (cut, with a Matryoshka cut) and ranked against the stored vectors. */
async function rankStored(search: { opened: OpenedKb; engine: EmbeddingEngine; query: string; poolings: Pooling[]; dims: number; rankK: number; permit: Permit; signal?: AbortSignal }): Promise<SemanticRanking> {
  const { opened, engine, poolings, dims } = search;
  const embedded = await engine.embed([search.query], { kind: "query", poolings, signal: search.signal, permit: search.permit });
  const full = opened.kb.dims;
  const queries = dims === full ? embedded.embeddings : cutQueries(embedded.embeddings, poolings, full, dims);
  const ranked = await kbRepository().rank(opened, queries, poolings, search.rankK, dims);
  const { tokenizeMs, queueMs, inferenceMs, poolMs, batchTexts = 1 } = embedded.timings;
  return {
    hits: ranked.hits,
    histograms: ranked.histograms,
    truncatedQuery: embedded.truncated.length > 0,
    timings: { totalMs: 0, tokenizeMs, queueMs, inferenceMs, poolMs, batchTexts, scoreMs: ranked.scoreMs, rankMs: ranked.rankMs },
  };
}

interface Searchable {
  opened: OpenedKb;
  engine: EmbeddingEngine;
}

/** A search with `kbId`: the knowledge base from the repository, and its model's engine. */
async function savedKb(kbId: string): Promise<Searchable> {
  const opened = await kbRepository().find(kbId);
  return { opened, engine: await loadEngine(opened.kb.modelId) };
}

/** A search with `entries` instead of `kbId`: embedded under the search's permit (and kept, so the next identical one is free). */
async function oneOffKb(request: SearchInput, permit: Permit, signal: AbortSignal | undefined, timings: Timings): Promise<Searchable> {
  const job = await loadKbJob(prepareKb({ model: request.model, entries: request.entries ?? [] }), permit);
  const { done, ...opened } = await job.run({ signal });
  timings.embedKbMs = done.timings.totalMs;
  // A cached answer may come from the store alone: make sure the vectors are where the ranking looks.
  return { opened: done.cached && !opened.approximate ? await kbRepository().find(opened.kb.id) : opened, engine: job.engine };
}

/** Each pooling's ranking of the allowed entries only, ranked again from 1 (ranks across poolings likewise). */
function keepAllowed(hits: RankReply["hits"], allowed: readonly number[]): RankReply["hits"] {
  const keep = new Set(allowed);
  const lists = Object.entries(hits).map(([p, list]) => [p as Pooling, list!.filter((hit) => keep.has(hit.index))] as const);
  const rankOf = new Map(lists.map(([p, list]) => [p, new Map(list.map((hit, i) => [hit.index, i + 1]))]));
  return Object.fromEntries(
    lists.map(([p, list]) => [p, list.map((hit, i) => ({ ...hit, rank: i + 1, ranks: Object.fromEntries([...rankOf].map(([q, ranks]) => [q, ranks.get(hit.index)])) }))]),
  );
}

/** Each pooling's query vector cut to its first `dims` and renormalized, as the rank worker cuts the entries. */
function cutQueries(queries: Partial<Record<Pooling, Float32Array>>, poolings: readonly Pooling[], full: number, dims: number): Partial<Record<Pooling, Float32Array>> {
  return Object.fromEntries(poolings.map((p) => [p, matryoshkaCut(queries[p]!, full, dims)]));
}
