/**
 * The main thread's handle on the rank worker (rank-worker.ts), started on first use. Server-only. If the worker
 * dies, the vectors it held are gone: `onLost` lets the repository forget those ids (the next search loads a
 * saved one from the store again) and the next request starts a fresh worker.
 */
import "server-only";
import type { Pooling } from "../pooling/strategies";
import { WorkerThread } from "../engine/worker/thread";
import type { RankReply, RankWorkerRequest } from "./rank-protocol";

export const RANK_WORKER_ENTRY = "lib/kb/rank-worker.ts";

export class RankPool {
  private thread: Promise<WorkerThread> | undefined;

  constructor(private readonly onLost: (reason: string) => void = () => {}) {}

  /** Hands a knowledge base's vectors to the worker. They are moved: the arrays given are empty afterwards. */
  put(kbId: string, dims: number, vectors: Partial<Record<Pooling, Float32Array>>): Promise<null> {
    const buffers = Object.values(vectors).map((rows) => rows!.buffer as ArrayBuffer);
    return this.ask({ type: "put", kbId, dims, vectors }, buffers);
  }

  drop(kbId: string): Promise<null> {
    return this.ask({ type: "drop", kbId });
  }

  rank(kbId: string, queries: Partial<Record<Pooling, Float32Array>>, poolings: Pooling[], topK: number, dims?: number): Promise<RankReply> {
    return this.ask({ type: "rank", kbId, queries, poolings, topK, dims });
  }

  vectors(kbId: string, pooling: Pooling): Promise<Float32Array> {
    return this.ask({ type: "vectors", kbId, pooling });
  }

  async close(): Promise<void> {
    const thread = this.thread;
    this.thread = undefined;
    if (thread) await (await thread).terminate();
  }

  private async ask<T>(request: RankWorkerRequest, transfer: ArrayBuffer[] = []): Promise<T> {
    if (!this.thread) {
      this.thread = this.start();
      this.thread.catch(() => (this.thread = undefined)); // a failed start is tried again by the next request
    }
    return (await this.thread).request<T>(request, transfer);
  }

  private async start(): Promise<WorkerThread> {
    const thread = await WorkerThread.start(RANK_WORKER_ENTRY, "rank");
    thread.onStop((reason) => {
      this.thread = undefined;
      this.onLost(reason);
    });
    return thread;
  }
}
