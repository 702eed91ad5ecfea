/**
 * The repository's account of the knowledge bases held in memory (their vectors in the rank worker), least
 * recently used evicted first, bounded by count and by bytes (every pooling of a 50,000-entry, 384-dim KB is
 * ~384 MB). It keeps what a search answers with (entries, reports); `onEvict` tells the rank worker to let go.
 * A knowledge base being ranked is pinned: eviction by count passes over it (so the count may run over while
 * searches are in flight, bounded by the admission limit) until its last pin is let go; the byte bound still
 * evicts it, and the repository loads it again. Pure: only repository.ts uses it.
 */
import { AppError } from "../errors";
import type { StoredKb } from "./types";

export interface KbCacheOptions {
  /** @default 32 */
  maxKbs?: number;
  /** @default 2 GiB */
  maxBytes?: number;
  /** Called with the id of every knowledge base evicted or deleted. */
  onEvict?: (id: string) => void;
}

export function kbBytes(kb: StoredKb): number {
  const vectors = kb.entries.length * kb.dims * Float32Array.BYTES_PER_ELEMENT * kb.poolings.length;
  // Strings are UTF-16 in V8: two bytes a character is the honest estimate.
  return vectors + kb.entries.reduce((sum, entry) => sum + entry.length * 2, 0);
}

export class KbCache {
  readonly maxKbs: number;
  readonly maxBytes: number;
  // A Map iterates in insertion order: re-inserting on every hit makes the first key the least recently used.
  private readonly kbs = new Map<string, StoredKb>();
  private readonly pins = new Map<string, number>();
  private bytes = 0;

  private readonly onEvict: (id: string) => void;

  constructor(options: KbCacheOptions = {}) {
    this.maxKbs = options.maxKbs ?? 32;
    this.maxBytes = options.maxBytes ?? 2 * 1024 ** 3;
    this.onEvict = options.onEvict ?? (() => {});
  }

  get size(): number {
    return this.kbs.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  /** Ids held, least recently used first. */
  ids(): string[] {
    return [...this.kbs.keys()];
  }

  get(id: string): StoredKb | undefined {
    const kb = this.kbs.get(id);
    if (kb) {
      this.kbs.delete(id);
      this.kbs.set(id, kb);
    }
    return kb;
  }

  /** Refuses a knowledge base that could never fit, before any work is spent on it. */
  checkFits(kb: StoredKb): void {
    const size = kbBytes(kb);
    if (size > this.maxBytes) {
      throw new AppError(
        "too_large",
        `The embedded knowledge base needs ${mib(size)}: expected at most ${mib(this.maxBytes)} of server memory.`,
      );
    }
  }

  set(kb: StoredKb): void {
    this.checkFits(kb);
    const size = kbBytes(kb);
    this.remove(kb.id);
    this.kbs.set(kb.id, kb);
    this.bytes += size;
    this.evict();
  }

  /** Keeps `id` from eviction by count until the function returned is called (pins count up; held or not yet). */
  pin(id: string): () => void {
    this.pins.set(id, (this.pins.get(id) ?? 0) + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.pins.get(id) ?? 1) - 1;
      if (left > 0) this.pins.set(id, left);
      else this.pins.delete(id);
      this.evict();
    };
  }

  delete(id: string): void {
    if (this.remove(id)) this.onEvict(id);
  }

  /** Forgets every knowledge base at once (their vectors were lost with the rank worker). */
  clear(): void {
    this.kbs.clear();
    this.bytes = 0;
  }

  private remove(id: string): boolean {
    const kb = this.kbs.get(id);
    if (!kb) return false;
    this.kbs.delete(id);
    this.bytes -= kbBytes(kb);
    return true;
  }

  private evict(): void {
    const ids = [...this.kbs.keys()];
    const newest = ids.at(-1);
    for (const id of ids) {
      const overBytes = this.bytes > this.maxBytes;
      if (this.kbs.size <= this.maxKbs && !overBytes) return;
      // Memory is the hard bound; the count gives way to a search in flight and to the one just held.
      if (overBytes || (!this.pins.has(id) && id !== newest)) this.delete(id);
    }
  }
}

function mib(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}
