/**
 * Embedded knowledge bases kept in memory under their id, least recently used evicted first, bounded by count
 * and by bytes (every pooling of a 50,000-entry, 384-dim KB is ~384 MB). Pure: the process-wide instance lives
 * in kb-store.ts.
 */
import { AppError } from "../errors";
import type { Pooling } from "../pooling/strategies";
import type { CleaningReport, TruncatedEntry } from "./types";

export interface StoredKb {
  id: string;
  modelId: string;
  entries: string[];
  dims: number;
  /** Per pooling, an L2-normalized [entries.length, dims] matrix. */
  embeddings: Partial<Record<Pooling, Float32Array>>;
  report: CleaningReport;
  truncated: TruncatedEntry[];
}

export interface KbStoreOptions {
  /** @default 32 */
  maxKbs?: number;
  /** @default 2 GiB */
  maxBytes?: number;
}

export function kbBytes(kb: StoredKb): number {
  const vectors = Object.values(kb.embeddings).reduce((sum, matrix) => sum + (matrix?.byteLength ?? 0), 0);
  // Strings are UTF-16 in V8: two bytes a character is the honest estimate.
  return vectors + kb.entries.reduce((sum, entry) => sum + entry.length * 2, 0);
}

export class KbStore {
  readonly maxKbs: number;
  readonly maxBytes: number;
  // A Map iterates in insertion order: re-inserting on every hit makes the first key the least recently used.
  private readonly kbs = new Map<string, StoredKb>();
  private bytes = 0;

  constructor(options: KbStoreOptions = {}) {
    this.maxKbs = options.maxKbs ?? 32;
    this.maxBytes = options.maxBytes ?? 2 * 1024 ** 3;
  }

  get size(): number {
    return this.kbs.size;
  }

  get totalBytes(): number {
    return this.bytes;
  }

  get(id: string): StoredKb | undefined {
    const kb = this.kbs.get(id);
    if (kb) {
      this.kbs.delete(id);
      this.kbs.set(id, kb);
    }
    return kb;
  }

  /** Like get, but an unknown id is an error that tells the caller how to recover. */
  require(id: string): StoredKb {
    const kb = this.get(id);
    if (!kb) {
      throw new AppError(
        "kb_not_found",
        `No knowledge base with id "${id}": expected an id returned by POST /api/kb in this server's lifetime ` +
          `(the server keeps the ${this.maxKbs} most recently used). Embed it again with POST /api/kb.`,
      );
    }
    return kb;
  }

  set(kb: StoredKb): void {
    const size = kbBytes(kb);
    if (size > this.maxBytes) {
      throw new AppError(
        "too_large",
        `The embedded knowledge base needs ${mib(size)}: expected at most ${mib(this.maxBytes)} of server memory.`,
      );
    }
    this.delete(kb.id);
    this.kbs.set(kb.id, kb);
    this.bytes += size;
    this.evict();
  }

  delete(id: string): void {
    const kb = this.kbs.get(id);
    if (!kb) return;
    this.kbs.delete(id);
    this.bytes -= kbBytes(kb);
  }

  private evict(): void {
    for (const id of this.kbs.keys()) {
      if (this.kbs.size <= this.maxKbs && this.bytes <= this.maxBytes) return;
      this.delete(id);
    }
  }
}

function mib(bytes: number): string {
  return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}
