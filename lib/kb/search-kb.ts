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
import type { SearchInput, SearchResult, Timings } from "./types";

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
    const embedded = await engine.embed([request.query], { kind: "query", poolings, signal, permit });
    const queries = dims === kb.dims ? embedded.embeddings : cutQueries(embedded.embeddings, poolings, kb.dims, dims);

    const { hits, histograms, scoreMs, rankMs } = await kbRepository().rank(opened, queries, poolings, request.topK, dims);
    const results = Object.fromEntries(Object.entries(hits).map(([p, list]) => [p, list!.map((hit) => ({ ...hit, text: kb.entries[hit.index] }))]));
    const { tokenizeMs, queueMs, inferenceMs, poolMs, batchTexts = 1 } = embedded.timings;
    Object.assign(timings, { tokenizeMs, queueMs, inferenceMs, poolMs, batchTexts, scoreMs, rankMs });
    timings.totalMs = performance.now() - started;
    const cut = dims === kb.dims ? {} : { dimensions: { used: dims, of: kb.dims } };
    return { kbId: kb.id, model: kb.modelId, query: request.query, count: kb.entries.length, results, histograms, truncatedQuery: embedded.truncated.length > 0, approximate, ...cut, timings };
  } finally {
    permit.release();
  }
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

/** Each pooling's query vector cut to its first `dims` and renormalized, as the rank worker cuts the entries. */
function cutQueries(queries: Partial<Record<Pooling, Float32Array>>, poolings: readonly Pooling[], full: number, dims: number): Partial<Record<Pooling, Float32Array>> {
  return Object.fromEntries(poolings.map((p) => [p, matryoshkaCut(queries[p]!, full, dims)]));
}
