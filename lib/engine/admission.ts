/**
 * Admission control, as TEI's permits: at most `maxPending` embedding requests in the server at once (queued
 * or running, every model together). Past that a request is refused at once with "overloaded" (HTTP 429 with
 * Retry-After) instead of waiting in a queue that only grows. Generous by default: a workshop's fifty phones
 * searching at once take fifty permits.
 */
import { config, processWide } from "../config";
import { AppError } from "../errors";
import type { Permit } from "./types";

/** @default 512 (TEI's max_concurrent_requests), or SEMANTIC_RADAR_MAX_PENDING */
export const DEFAULT_MAX_PENDING = 512;

/** Seconds a refused client is told to wait: one or two coalesced batches clear by then. */
export const RETRY_AFTER_SECONDS = 1;

export class Admission {
  private held = 0;
  private readonly limit: () => number;

  /** `maxPending`: a number, or where to read it on each request (the server's follows the configuration). */
  constructor(maxPending: number | (() => number)) {
    if (typeof maxPending === "function") {
      this.limit = maxPending;
      return;
    }
    if (!(Number.isInteger(maxPending) && maxPending > 0)) {
      throw new RangeError(`Expected maxPending to be a positive integer, got ${maxPending} (${typeof maxPending})`);
    }
    this.limit = () => maxPending;
  }

  get maxPending(): number {
    return this.limit();
  }

  get pending(): number {
    return this.held;
  }

  /** A permit, or AppError("overloaded") when every one is taken. Release it exactly once. */
  acquire(): Permit {
    const maxPending = this.maxPending;
    if (this.held >= maxPending) {
      throw new AppError(
        "overloaded",
        `The server is busy: ${this.held} requests are already in progress (limit ${maxPending}). Try again in ${RETRY_AFTER_SECONDS} s.`,
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

/** The server's one admission limit: every route bundle and model shares it. */
export function admission(): Admission {
  return processWide("admission", () => new Admission(() => config().maxPending ?? DEFAULT_MAX_PENDING));
}
