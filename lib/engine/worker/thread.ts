/**
 * One worker thread, spoken to by request and reply: each request gets an id, each reply settles the promise of
 * that id. A worker that dies (a native crash, an out-of-memory kill) rejects everything it was asked, and every
 * later request fails at once with the reason. Server-only.
 */
import { Worker, type TransferListItem } from "node:worker_threads";
import { AppError, ERROR_CODES, type ErrorCode } from "../../errors";
import { workerBundle } from "./bundle";

/** What a worker sends back for request `id`. Errors cross as plain data: code and message. */
export type WorkerReply = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: { code: string; message: string } };

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export class WorkerThread {
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private stopped: AppError | undefined;
  private readonly stopListeners: ((reason: string) => void)[] = [];

  private constructor(
    private readonly worker: Worker,
    readonly name: string,
  ) {
    worker.on("message", (reply: WorkerReply) => this.settle(reply));
    worker.on("error", (error) => this.fail(`the ${name} worker failed: ${error.message}`));
    worker.on("exit", (code) => this.fail(`the ${name} worker stopped (exit code ${code})`));
  }

  /** Starts a worker from a TypeScript entry (bundled on first use). */
  static async start(entry: string, name: string, workerData?: unknown): Promise<WorkerThread> {
    const file = await workerBundle(entry);
    return new WorkerThread(new Worker(file, { workerData, name }), name);
  }

  /** Requests in flight (sent, not yet answered). */
  get inFlight(): number {
    return this.pending.size;
  }

  request<T>(message: object, transfer: readonly TransferListItem[] = []): Promise<T> {
    if (this.stopped) return Promise.reject(this.stopped);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.worker.postMessage({ ...message, id }, [...transfer]);
    });
  }

  /** Called once if the worker dies on its own (not after terminate()). */
  onStop(listener: (reason: string) => void): void {
    this.stopListeners.push(listener);
  }

  async terminate(): Promise<void> {
    this.stopped ??= new AppError("internal", `the ${this.name} worker was shut down`);
    await this.worker.terminate();
  }

  private settle(reply: WorkerReply): void {
    const pending = this.pending.get(reply.id);
    if (!pending) return;
    this.pending.delete(reply.id);
    if (reply.ok) pending.resolve(reply.result);
    else pending.reject(new AppError(knownCode(reply.error.code), reply.error.message));
  }

  private fail(reason: string): void {
    const unexpected = this.stopped === undefined;
    this.stopped ??= new AppError("internal", reason);
    for (const { reject } of this.pending.values()) reject(this.stopped);
    this.pending.clear();
    if (unexpected) for (const listener of this.stopListeners) listener(reason);
  }
}

function knownCode(code: string): ErrorCode {
  return (ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : "internal";
}
