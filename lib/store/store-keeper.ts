/**
 * Keeps one store open for the process and knows its health: opening, ok, failed (with the reason and when it
 * is tried again) or disk full. A store that cannot open is not tried again on every request: each failure
 * doubles the wait, up to a minute, and requests meanwhile get the reason at once (503). A store broken by a
 * full disk is closed, never queried again (a PGlite that PANICked answers an empty library), and reopened by
 * itself once the disk has room: no restart.
 */
import { AppError, isAppError } from "../errors";
import { diskFullError, freeBytes, REOPEN_MIN_FREE_BYTES, estimateSaveBytes, type SaveSize } from "./disk-space";
import { asStoreError } from "./store-errors";
import type { StoreLocation } from "./open-store";
import type { KnowledgeBaseStore, StoreHealth } from "./types";

export interface KeeperOptions {
  location: StoreLocation;
  open: () => Promise<KnowledgeBaseStore>;
  /** @default Date.now */
  now?: () => number;
  /** @default 1,000 ms, doubled per failure */
  firstRetryMs?: number;
  /** @default 60,000 ms */
  maxRetryMs?: number;
  /** Free bytes on the store's disk (embedded store only). @default statfs of the data folder */
  free?: () => number;
}

type Held = { state: "idle" } | { state: "opening"; opening: Promise<KnowledgeBaseStore> } | { state: "ok"; store: KnowledgeBaseStore } | { state: "failed" | "disk_full"; error: AppError; retryAt: number };

export class StoreKeeper {
  private held: Held = { state: "idle" };
  private failures = 0;
  private readonly now: () => number;
  private readonly free: (() => number) | undefined;

  constructor(private readonly options: KeeperOptions) {
    this.now = options.now ?? Date.now;
    const { location } = options;
    this.free = options.free ?? (location.kind === "pglite" && location.dataDir ? () => freeBytes(location.dataDir!) : undefined);
  }

  get kind(): StoreLocation["kind"] {
    return this.options.location.kind;
  }

  /** The open store; opens it when due. Throws store_unavailable (503) or storage_full (507) with the reason. */
  async store(): Promise<KnowledgeBaseStore> {
    const held = this.held;
    if (held.state === "ok") return held.store;
    if (held.state === "opening") return held.opening;
    if ((held.state === "failed" || held.state === "disk_full") && !this.dueForRetry(held)) throw held.error;
    return this.open();
  }

  /** Runs one store call; a failure that breaks the store closes it and is answered in plain words. */
  async use<T>(work: (store: KnowledgeBaseStore) => Promise<T>): Promise<T> {
    const store = await this.store();
    try {
      const result = await work(store);
      this.failures = 0;
      return result;
    } catch (error) {
      throw await this.failed(store, error);
    }
  }

  /** Refuses a save the disk cannot hold (507), before any work is spent on it. The embedded store only. */
  async checkRoomFor(size: SaveSize): Promise<void> {
    await this.store();
    if (!this.free) return;
    const needed = estimateSaveBytes(size);
    const free = this.free();
    if (free < needed) {
      const error = diskFullError(this.dataDir(), free, needed);
      console.error(`[semantic-radar] disk full: refused a save of ${size.count} entries before embedding (${error.message})`);
      throw error;
    }
  }

  /** Health as /api/status reports it; with `kick`, starts opening a store not yet open or due for a retry. */
  health(kick = false): StoreHealth {
    if (kick && this.dueToOpen()) this.open().catch(() => undefined);
    const held = this.held;
    const health: StoreHealth = { kind: this.kind, state: held.state === "idle" ? "opening" : held.state };
    if (this.free) health.freeBytes = this.safeFree();
    if (held.state === "failed" || held.state === "disk_full") health.reason = held.error.message;
    if (held.state === "failed") health.retryInMs = Math.max(0, held.retryAt - this.now());
    return health;
  }

  /** Closes the store (tests, shutdown); the next call opens it again. */
  async close(): Promise<void> {
    const held = this.held;
    this.held = { state: "idle" };
    if (held.state === "ok") await held.store.close();
    if (held.state === "opening") await (await held.opening.catch(() => undefined))?.close();
  }

  private open(): Promise<KnowledgeBaseStore> {
    const opening = this.openNow().then(
      (store) => {
        this.held = { state: "ok", store };
        this.failures = 0;
        (store as { onLost?: (listener: (reason: string) => void) => void }).onLost?.((reason) => this.lost(store, reason));
        return store;
      },
      (error: unknown) => {
        throw this.remember(this.classify(error, "open"));
      },
    );
    this.held = { state: "opening", opening };
    return opening;
  }

  private async openNow(): Promise<KnowledgeBaseStore> {
    // Opening a folder replays its log and may create one: not worth trying on a disk with no room.
    const free = this.safeFree();
    if (free !== undefined && free < REOPEN_MIN_FREE_BYTES) throw diskFullError(this.dataDir(), free, REOPEN_MIN_FREE_BYTES);
    return this.options.open();
  }

  /** The error a failed call answers with; a broken or full store is closed and remembered. */
  private async failed(store: KnowledgeBaseStore, error: unknown): Promise<unknown> {
    const known = isAppError(error) ? error : asStoreError(error);
    const code = known?.code;
    const breaks = code === "store_unavailable" || code === "storage_full" || (this.free !== undefined && !known && this.diskIsFull());
    if (!breaks) return known ?? error;
    if (this.held.state === "ok" && this.held.store === store) {
      this.held = { state: "idle" };
      // A PGlite that failed this way may be in any state: never ask it anything again.
      await ((store as { terminate?: () => Promise<void> }).terminate?.() ?? store.close()).catch(() => undefined);
    }
    return this.remember(this.classify(error, "call"));
  }

  private lost(store: KnowledgeBaseStore, reason: string): void {
    if (this.held.state !== "ok" || this.held.store !== store) return;
    this.held = { state: "idle" };
    this.remember(new AppError("store_unavailable", `The knowledge-base store stopped (${reason}); it is reopened on the next request.`));
  }

  private classify(error: unknown, when: "open" | "call"): AppError {
    const free = this.safeFree();
    if (isAppError(error) && error.code === "storage_full" && error.details?.freeBytes !== undefined) return error;
    if (free !== undefined && (this.diskIsFull() || (isAppError(error) && error.code === "storage_full") || asStoreError(error)?.code === "storage_full")) {
      return diskFullError(this.dataDir(), free);
    }
    if (isAppError(error) && error.code === "store_unavailable") return error;
    const detail = (error as Error)?.message || String(error);
    return new AppError(
      "store_unavailable",
      when === "open"
        ? `The knowledge-base store could not be opened (${detail.slice(0, 300)}). Saved knowledge bases are unavailable until it opens; see GET /api/status.`
        : `The knowledge-base store stopped working (${detail.slice(0, 300)}); it is reopened on the next request.`,
    );
  }

  private remember(error: AppError): AppError {
    const state = error.code === "storage_full" ? "disk_full" : "failed";
    if (state === "failed") this.failures++;
    const wait = state === "failed" ? Math.min(this.options.maxRetryMs ?? 60_000, (this.options.firstRetryMs ?? 1_000) * 2 ** (this.failures - 1)) : 0;
    this.held = { state, error, retryAt: this.now() + wait };
    console.error(`[semantic-radar] knowledge-base store ${state === "disk_full" ? "disk full" : "failed"}: ${error.message}`);
    return error;
  }

  private dueToOpen(): boolean {
    const held = this.held;
    return held.state === "idle" || ((held.state === "failed" || held.state === "disk_full") && this.dueForRetry(held));
  }

  /** A failed store waits out its back-off; a full disk is tried again as soon as it has room. */
  private dueForRetry(held: Extract<Held, { retryAt: number }>): boolean {
    if (held.state === "disk_full") return (this.safeFree() ?? Infinity) >= REOPEN_MIN_FREE_BYTES;
    return this.now() >= held.retryAt;
  }

  private diskIsFull(): boolean {
    return (this.safeFree() ?? Infinity) < REOPEN_MIN_FREE_BYTES;
  }

  private safeFree(): number | undefined {
    try {
      return this.free?.();
    } catch {
      return undefined;
    }
  }

  private dataDir(): string {
    const { location } = this.options;
    return location.kind === "pglite" && location.dataDir ? location.dataDir : "(in memory)";
  }
}
