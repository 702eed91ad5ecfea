/**
 * How many leave-one-out explanations run at once. Each re-embeds its two texts once per token (up to
 * MAX_LEAVE_ONE_OUT_TOKENS variants of a text cut to the model's window: at most 2 x 128 x 512 tokens, seconds of
 * CPU): a few at a time take turns in the engine's background queue, the next ones wait here in order, and past
 * the waiting room one is refused with 429 at once rather than queued behind minutes of work. Pure.
 */
import { AppError } from "../errors";

export interface ExplainGateOptions {
  /** Explanations computing at once. @default 2 */
  running?: number;
  /** Explanations waiting for a turn; one more is refused (429). @default 8 */
  waiting?: number;
}

/** Seconds a refused client is told to wait: about one explanation of a long text. */
const RETRY_AFTER_SECONDS = 5;

export class ExplainGate {
  readonly maxRunning: number;
  readonly maxWaiting: number;
  private running = 0;
  private readonly queue: { admit: () => void; signal?: AbortSignal; onAbort: () => void }[] = [];

  constructor(options: ExplainGateOptions = {}) {
    this.maxRunning = options.running ?? 2;
    this.maxWaiting = options.waiting ?? 8;
    for (const [name, value] of [["running", this.maxRunning], ["waiting", this.maxWaiting]] as const) {
      if (!(Number.isInteger(value) && value >= 0) || (name === "running" && value === 0)) {
        throw new RangeError(`Expected \`${name}\` to be an integer from ${name === "running" ? 1 : 0}, got ${value} (${typeof value})`);
      }
    }
  }

  get counts(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.queue.length };
  }

  /** Runs `work` when its turn comes; refuses at once (429) when the waiting room is full; leaves it when aborted. */
  async run<T>(work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    await this.enter(signal);
    try {
      return await work();
    } finally {
      this.running--;
      this.queue.shift()?.admit();
    }
  }

  private enter(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(cancelled());
    if (this.running < this.maxRunning) {
      this.running++;
      return Promise.resolve();
    }
    if (this.queue.length >= this.maxWaiting) {
      return Promise.reject(
        new AppError("overloaded", `Too many explanations at once: ${this.running} running and ${this.queue.length} waiting (limits ${this.maxRunning} and ${this.maxWaiting}). Try again in ${RETRY_AFTER_SECONDS} s; searches are not affected.`, { retryAfterSeconds: RETRY_AFTER_SECONDS }),
      );
    }
    return new Promise((resolve, reject) => {
      const entry = {
        signal,
        // Called by the one leaving (after it has counted itself out): the next in line counts itself in.
        admit: () => {
          signal?.removeEventListener("abort", entry.onAbort);
          this.running++;
          resolve();
        },
        onAbort: () => {
          const at = this.queue.indexOf(entry);
          if (at >= 0) this.queue.splice(at, 1);
          reject(cancelled());
        },
      };
      signal?.addEventListener("abort", entry.onAbort, { once: true });
      this.queue.push(entry);
    });
  }
}

function cancelled(): AppError {
  return new AppError("cancelled", "The request was cancelled before it finished.");
}
