/**
 * The main thread's side of the store worker (store-worker.ts): the KnowledgeBaseStore contract, each call sent
 * to the worker that owns PGlite. Vectors move between the threads, never copied: saved ones go to the worker
 * and come back, loaded ones come from it. Server-only.
 */
import { WorkerThread } from "../engine/worker/thread";
import type { Pooling } from "../pooling/strategies";
import type { HnswOptions } from "./sql-store";
import type { StoreMethod } from "./store-protocol";
import type { Json, KbRecord, KbRecordInput, KbSummary, KbVectors, KnowledgeBaseStore, LibraryOwner, LibraryRow, NearestHit, Released, RoomKbSummary, SaveOptions } from "./types";

export const STORE_WORKER_ENTRY = "lib/store/store-worker.ts";

export class WorkerStore implements KnowledgeBaseStore {
  readonly kind = "pglite" as const;

  private constructor(private readonly thread: WorkerThread) {}

  /** Starts a worker and opens (creating, migrating) the database in `dataDir` there. */
  static async open(dataDir: string | undefined, hnsw: HnswOptions = {}): Promise<WorkerStore> {
    const thread = await WorkerThread.start(STORE_WORKER_ENTRY, "store");
    try {
      await thread.request({ type: "open", dataDir, hnsw });
    } catch (error) {
      await thread.terminate().catch(() => undefined);
      throw error;
    }
    return new WorkerStore(thread);
  }

  /** Called once if the worker dies on its own (out of memory, a crash in the WASM module). */
  onLost(listener: (reason: string) => void): void {
    this.thread.onStop(listener);
  }

  /**
   * The matrices move to the worker for the save and come back into `vectors` when it is done: copying them
   * would stall the main thread (20,000 entries x 5 poolings: 150 MB, 0.1-0.2 s). Meanwhile the arrays that were
   * in `vectors` are empty; read `vectors` again afterwards. After a failed save they stay empty.
   */
  async save(kb: KbRecordInput, vectors: KbVectors, options?: SaveOptions): Promise<void> {
    const buffers = [...new Set(Object.values(vectors).map((matrix) => matrix!.buffer as ArrayBuffer))];
    const returned = await this.thread.request<KbVectors>({ type: "call", method: "save", args: [kb, vectors, options] }, buffers);
    Object.assign(vectors, returned);
  }

  has(id: string): Promise<boolean> {
    return this.call("has", id);
  }

  get(id: string): Promise<KbRecord | undefined> {
    return this.call("get", id);
  }

  load(id: string): Promise<{ kb: KbRecord; vectors: KbVectors } | undefined> {
    return this.call("load", id);
  }

  list(): Promise<RoomKbSummary[]> {
    return this.call("list");
  }

  rename(id: string, name: string): Promise<KbSummary | undefined> {
    return this.call("rename", id, name);
  }

  library(owners: LibraryOwner[]): Promise<LibraryRow[]> {
    return this.call("library", owners);
  }

  keep(owner: LibraryOwner, id: string, name?: string | null): Promise<KbSummary | undefined> {
    return this.call("keep", owner, id, name);
  }

  holds(owner: LibraryOwner, id: string): Promise<boolean> {
    return this.call("holds", owner, id);
  }

  release(owner: LibraryOwner, id: string): Promise<Released> {
    return this.call("release", owner, id);
  }

  delete(id: string): Promise<boolean> {
    return this.call("delete", id);
  }

  nearest(id: string, pooling: Pooling, query: Float32Array, k: number): Promise<NearestHit[]> {
    return this.call("nearest", id, pooling, query, k);
  }

  readDocument(key: string): Promise<Json | undefined> {
    return this.call("readDocument", key);
  }

  writeDocument(key: string, body: Json): Promise<void> {
    return this.call("writeDocument", key, body);
  }

  /** SqlStore.explainNearest, asked of the worker's store. */
  explainNearest(id: string, pooling: Pooling, query: Float32Array, k: number, onlyIndex = false): Promise<string> {
    return this.call("explainNearest", id, pooling, query, k, onlyIndex);
  }

  async close(): Promise<void> {
    try {
      await this.thread.request({ type: "close" });
    } finally {
      await this.thread.terminate();
    }
  }

  /** Ends the worker without closing the database first: for a worker whose database is already broken. */
  terminate(): Promise<void> {
    return this.thread.terminate();
  }

  private call<T>(method: StoreMethod, ...args: unknown[]): Promise<T> {
    return this.thread.request<T>({ type: "call", method, args });
  }
}
