/**
 * Long runs keyed by what they compute, shared by everyone who asks and cached once done: a second request for a
 * run already going joins it with its own progress listener, and a run stops only when every request waiting on it
 * has left. Failed and cancelled runs are forgotten so they can be retried. Pure: no engine, tested with fakes.
 */
import { AppError } from "@/lib/errors";

export type ProgressListener = (done: number, total: number) => void;
export type RunWork<T> = (signal: AbortSignal, onProgress: ProgressListener) => Promise<T>;

export interface JoinOptions {
  signal?: AbortSignal;
  onProgress?: ProgressListener;
}

interface Run<T> {
  promise: Promise<T>;
  listeners: Set<ProgressListener>;
  abort: AbortController;
  last?: [number, number];
}

export class SharedRuns<T> {
  private readonly results = new Map<string, T>();
  private readonly running = new Map<string, Run<T>>();

  /** The finished result, if any; never starts work. */
  cached(key: string): T | undefined {
    return this.results.get(key);
  }

  /** The cached result, else joins the run for `key`, starting `work` if none is going. */
  async join(key: string, work: RunWork<T>, options: JoinOptions = {}): Promise<T> {
    const cached = this.results.get(key);
    if (cached !== undefined) return cached;
    let run = this.running.get(key);
    // A run everyone left is stopping: start afresh rather than wait on its cancellation.
    if (!run || run.abort.signal.aborted) run = this.start(key, work);
    return this.wait(run, options);
  }

  private start(key: string, work: RunWork<T>): Run<T> {
    const abort = new AbortController();
    const listeners = new Set<ProgressListener>();
    const run: Run<T> = { abort, listeners, promise: Promise.resolve() as Promise<T> };
    run.promise = work(abort.signal, (done, total) => {
      run.last = [done, total];
      listeners.forEach((listener) => listener(done, total));
    });
    this.running.set(key, run);
    run.promise
      .then((result) => this.results.set(key, result), () => {})
      .finally(() => this.running.get(key) === run && this.running.delete(key));
    return run;
  }

  private wait(run: Run<T>, { signal, onProgress }: JoinOptions): Promise<T> {
    const listener: ProgressListener = (done, total) => onProgress?.(done, total);
    return new Promise<T>((resolve, reject) => {
      const leave = () => {
        run.listeners.delete(listener);
        if (run.listeners.size === 0) run.abort.abort();
        reject(new AppError("cancelled", "The run was cancelled."));
      };
      if (signal?.aborted) return leave();
      run.listeners.add(listener);
      // A late joiner sees where the run is at once, not at its next batch.
      if (run.last) listener(...run.last);
      signal?.addEventListener("abort", leave, { once: true });
      run.promise.then(resolve, reject).finally(() => {
        signal?.removeEventListener("abort", leave);
        run.listeners.delete(listener);
      });
    });
  }
}
