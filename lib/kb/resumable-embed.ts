/**
 * Embeds a knowledge base's entries slice by slice, keeping each finished slice (partial-embeddings.ts): a
 * Cancel keeps what was embedded, and the same request run again embeds only the rest. Server-only.
 */
import "server-only";
import type { EmbedResult, EmbeddingEngine, Permit, StageTimings } from "../engine";
import { POOLINGS } from "../pooling/strategies";
import { doneEntries, partialEmbeddings, type PartialEmbedding } from "./partial-embeddings";

/** Entries per slice: big enough that the engine still sorts and batches by length, small enough to lose little. */
export const SLICE_ENTRIES = 256;

export interface ResumableOptions {
  signal?: AbortSignal;
  permit?: Permit;
  /** Entries embedded so far (those resumed included); never decreases, ends at the total. */
  onProgress?: (done: number, total: number) => void;
}

export interface ResumedResult extends EmbedResult {
  /** Entries taken from an earlier, cancelled run. */
  resumed: number;
}

export async function embedResumable(engine: EmbeddingEngine, id: string, entries: readonly string[], options: ResumableOptions = {}): Promise<ResumedResult> {
  const { signal, permit, onProgress = () => {} } = options;
  const dims = engine.info.model.hiddenSize;
  const partials = partialEmbeddings();
  const partial = partials.open(id, entries.length, dims, SLICE_ENTRIES, POOLINGS);
  const resumed = doneEntries(partial);
  const timings: StageTimings = { tokenizeMs: 0, queueMs: 0, inferenceMs: 0, poolMs: 0, totalMs: 0 };
  let done = resumed;
  onProgress(done, entries.length);
  try {
    for (let slice = 0; slice < partial.done.length; slice++) {
      if (partial.done[slice]) continue;
      const from = slice * SLICE_ENTRIES;
      const texts = entries.slice(from, from + SLICE_ENTRIES);
      const result = await engine.embed(texts, {
        kind: "document",
        signal,
        permit,
        onProgress: (event) => onProgress(done + (event.type === "batch" ? event.done : 0), entries.length),
      });
      keepSlice(partial, result, from);
      partial.done[slice] = 1;
      done += texts.length;
      for (const key of ["tokenizeMs", "queueMs", "inferenceMs", "poolMs", "totalMs"] as const) timings[key] += result.timings[key];
    }
  } catch (error) {
    partials.keep(id, partial);
    throw error;
  }
  partials.forget(id);
  const truncated = [...partial.truncated].sort((a, b) => a.index - b.index);
  return { count: entries.length, dims, embeddings: partial.vectors, norms: {}, tokenCounts: Array.from(partial.tokenCounts), truncated, timings, resumed };
}

function keepSlice(partial: PartialEmbedding, result: EmbedResult, from: number): void {
  for (const [pooling, matrix] of Object.entries(result.embeddings)) {
    partial.vectors[pooling as keyof typeof partial.vectors]?.set(matrix!, from * partial.dims);
  }
  partial.tokenCounts.set(result.tokenCounts, from);
  partial.truncated.push(...result.truncated.map((t) => ({ ...t, index: t.index + from })));
}
