/**
 * Admission control, as TEI's permits: at most `maxPending` embedding requests in the server at once (queued
 * or running, every model together). Past that a request is refused at once with "overloaded" (HTTP 429 with
 * Retry-After) instead of waiting in a queue that only grows. Generous by default: a workshop's fifty phones
 * searching at once take fifty permits.
 */
import { AppError } from "../errors";
import type { Permit } from "./types";

/** @default 512 (TEI's max_concurrent_requests), or SEMANTIC_RADAR_MAX_PENDING */
export const DEFAULT_MAX_PENDING = 512;

/** Seconds a refused client is told to wait: one or two coalesced batches clear by then. */
export const RETRY_AFTER_SECONDS = 1;

export function maxPendingFromEnv(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env.SEMANTIC_RADAR_MAX_PENDING);
  return Number.isInteger(value) && value > 0 ? value : DEFAULT_MAX_PENDING;
}

export class Admission {
  private held = 0;

  constructor(readonly maxPending: number) {
    if (!(Number.isInteger(maxPending) && maxPending > 0)) {
      throw new RangeError(`Expected maxPending to be a positive integer, got ${maxPending} (${typeof maxPending})`);
    }
  }

  get pending(): number {
    return this.held;
  }

  /** A permit, or AppError("overloaded") when every one is taken. Release it exactly once. */
  acquire(): Permit {
    if (this.held >= this.maxPending) {
      throw new AppError(
        "overloaded",
        `The server is busy: ${this.held} requests are already in progress (limit ${this.maxPending}). Try again in ${RETRY_AFTER_SECONDS} s.`,
        { retryAfterSeconds: RETRY_AFTER_SECONDS },
      );
    }
    this.held++;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.held--;
      },
    };
  }
}

// On globalThis: each Next.js route bundle may evaluate this module, and the server has one capacity.
const ADMISSION_KEY = Symbol.for("semantic-radar.admission");
const holder = globalThis as typeof globalThis & { [ADMISSION_KEY]?: Admission };

export function admission(): Admission {
  return (holder[ADMISSION_KEY] ??= new Admission(maxPendingFromEnv()));
}
