/**
 * Ranks a knowledge base against a query under each requested pooling. Server-only: embeds the query with the
 * model's query prompt (coalesced with every other query waiting, scheduler.ts), then the rank worker scores it
 * against the stored document vectors of the same pooling.
 */
import "server-only";
import { admission, loadEngine } from "../engine";
import type { SearchRequest } from "../api/contract/search";
import type { SearchResponse, Timings } from "../api/contract/wire-types";
import { openKbJob, prepareKb, throwIfCancelled } from "./build-kb";
import { requirePoolings, requireQuery } from "./checks";
import { openKb, type OpenedKb } from "./durable";
import { rankPool } from "./kb-store";
import { rankInDatabase } from "./rank-approximate";

export async function searchKb(request: SearchRequest, signal?: AbortSignal): Promise<SearchResponse> {
  const started = performance.now();
  const query = requireQuery(request.query);
  const requested = request.poolings ? requirePoolings(request.poolings) : undefined;
  const timings: Timings = { totalMs: 0 };
  const permit = admission().acquire();
  try {
    const { kb, approximate } = request.kbId ? await openKb(request.kbId) : await oneOffKb(request, signal, timings);
    const engine = await loadEngine(kb.modelId);
    throwIfCancelled(signal);
    const poolings = requested ?? [engine.info.model.nativePooling];
    const embedded = await engine.embed([query], { kind: "query", poolings, signal, permit });

    const rank = approximate ? rankInDatabase : (...args: Parameters<typeof rankInDatabase>) => rankPool().rank(...args);
    const { hits, histograms, scoreMs, rankMs } = await rank(kb.id, embedded.embeddings, poolings, request.topK);
    const results = Object.fromEntries(Object.entries(hits).map(([p, list]) => [p, list!.map((hit) => ({ ...hit, text: kb.entries[hit.index] }))]));
    const { tokenizeMs, queueMs, inferenceMs, poolMs, batchTexts = 1 } = embedded.timings;
    Object.assign(timings, { tokenizeMs, queueMs, inferenceMs, poolMs, batchTexts, scoreMs, rankMs });
    timings.totalMs = performance.now() - started;
    return { kbId: kb.id, model: kb.modelId, query, count: kb.entries.length, results, histograms, truncatedQuery: embedded.truncated.length > 0, approximate, timings };
  } finally {
    permit.release();
  }
}

/** A search with `entries` instead of `kbId`: embedded (and kept, so the next identical one is free). */
async function oneOffKb(request: SearchRequest, signal: AbortSignal | undefined, timings: Timings): Promise<OpenedKb> {
  const job = await openKbJob(prepareKb({ model: request.model, entries: request.entries ?? [] }));
  const { done, ...opened } = await job.run({ signal });
  timings.embedKbMs = done.timings.totalMs;
  // A cached answer may come from the store alone: make sure the vectors are where the ranking looks.
  return done.cached && !opened.approximate ? openKb(opened.kb.id) : opened;
}
