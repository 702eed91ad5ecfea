/**
 * Ranks a knowledge base against a query under each requested pooling. Server-only: embeds the query with the
 * model's query prompt, then scores it against the stored document vectors of the same pooling.
 */
import "server-only";
import { loadEngine } from "../engine";
import { embedKb, prepareKb, throwIfCancelled } from "./build-kb";
import { requirePoolings, requireQuery } from "./checks";
import { kbStore } from "./kb-store";
import { rankKnowledgeBase } from "./rank";
import type { StoredKb } from "./store";
import type { SearchResponse, Timings } from "./types";

export interface SearchRequest {
  /** A knowledge base from POST /api/kb... */
  kbId?: string;
  /** ...or a one-off one, embedded for this search (and kept, so the next identical one is free). */
  model?: string;
  entries?: string[];
  query: string;
  /** @default [the model's native pooling] */
  poolings?: string[];
  topK: number;
}

export async function searchKb(request: SearchRequest, signal?: AbortSignal): Promise<SearchResponse> {
  const started = performance.now();
  const query = requireQuery(request.query);
  const requested = request.poolings ? requirePoolings(request.poolings) : undefined;
  const timings: Timings = { totalMs: 0 };
  const kb = request.kbId ? kbStore().require(request.kbId) : await oneOffKb(request, signal, timings);
  const engine = await loadEngine(kb.modelId);
  throwIfCancelled(signal);
  const poolings = requested ?? [engine.info.model.nativePooling];
  const embedded = await engine.embed([query], { kind: "query", poolings, signal });

  const searchedAt = performance.now();
  const { results, histograms } = rankKnowledgeBase(kb, embedded.embeddings, poolings, request.topK);
  const { tokenizeMs, queueMs, inferenceMs, poolMs } = embedded.timings;
  Object.assign(timings, { tokenizeMs, queueMs, inferenceMs, poolMs, searchMs: performance.now() - searchedAt });
  timings.totalMs = performance.now() - started;
  return {
    kbId: kb.id,
    model: kb.modelId,
    query,
    count: kb.entries.length,
    results,
    histograms,
    truncatedQuery: embedded.truncated.length > 0,
    timings,
  };
}

async function oneOffKb(request: SearchRequest, signal: AbortSignal | undefined, timings: Timings): Promise<StoredKb> {
  const { kb, done } = await embedKb(prepareKb({ model: request.model, entries: request.entries ?? [] }), { signal });
  timings.embedKbMs = done.timings.totalMs;
  return kb;
}
