/**
 * What a cancelled embedding had finished, kept so that running it again resumes: per knowledge-base id (a
 * content address, so the same request finds it), the vectors of the slices done. In memory, bounded in bytes,
 * least recently used dropped first; a restart forgets them (the work is then done again, never lost as wrong).
 * Server-only.
 */
import "server-only";
import { processWide } from "../config";
import type { Truncation } from "../engine";
import type { Pooling } from "../pooling/strategies";

/** Partial embeddings kept in all, at most. @default 512 MB */
export const MAX_PARTIAL_BYTES = 512 * 1024 * 1024;

export interface PartialEmbedding {
  count: number;
  dims: number;
  /** Entries per slice; slice s covers [s * sliceSize, min(count, (s + 1) * sliceSize)). */
  sliceSize: number;
  done: Uint8Array;
  /** [count, dims] per pooling; rows of slices not done are zeros. */
  vectors: Partial<Record<Pooling, Float32Array>>;
  tokenCounts: Int32Array;
  truncated: Truncation[];
}

export class PartialEmbeddings {
  private readonly held = new Map<string, PartialEmbedding>();

  constructor(private readonly maxBytes = MAX_PARTIAL_BYTES) {}

  /** The partial embedding of `id` if it has the same shape, else a fresh one (kept only if it fits). */
  open(id: string, count: number, dims: number, sliceSize: number, poolings: readonly Pooling[]): PartialEmbedding {
    const found = this.held.get(id);
    if (found && found.count === count && found.dims === dims && found.sliceSize === sliceSize) {
      this.held.delete(id);
      this.held.set(id, found);
      return found;
    }
    const fresh: PartialEmbedding = {
      count, dims, sliceSize,
      done: new Uint8Array(Math.ceil(count / sliceSize)),
      vectors: Object.fromEntries(poolings.map((p) => [p, new Float32Array(count * dims)])),
      tokenCounts: new Int32Array(count),
      truncated: [],
    };
    return fresh;
  }

  /** Keeps what is done of `partial` after a cancel or a failure. */
  keep(id: string, partial: PartialEmbedding): void {
    const bytes = bytesOf(partial);
    if (bytes > this.maxBytes || !partial.done.some(Boolean)) return;
    this.held.delete(id);
    this.held.set(id, partial);
    let total = [...this.held.values()].reduce((sum, p) => sum + bytesOf(p), 0);
    for (const [key, value] of this.held) {
      if (total <= this.maxBytes) break;
      this.held.delete(key);
      total -= bytesOf(value);
    }
  }

  forget(id: string): void {
    this.held.delete(id);
  }

  /** Entries already embedded for `id` (0 when nothing is kept). */
  doneCount(id: string): number {
    const partial = this.held.get(id);
    return partial ? doneEntries(partial) : 0;
  }
}

export function doneEntries(partial: PartialEmbedding): number {
  let done = 0;
  partial.done.forEach((flag, s) => {
    if (flag) done += Math.min(partial.count, (s + 1) * partial.sliceSize) - s * partial.sliceSize;
  });
  return done;
}

function bytesOf(partial: PartialEmbedding): number {
  return Object.values(partial.vectors).reduce((sum, m) => sum + (m?.byteLength ?? 0), 0) + partial.tokenCounts.byteLength;
}

export function partialEmbeddings(): PartialEmbeddings {
  return processWide("partial-embeddings", () => new PartialEmbeddings());
}
