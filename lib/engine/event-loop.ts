/**
 * How late the server's event loop runs, as /api/status reports it: the proof that inference and ranking stay
 * off the main thread. Node's own histogram (perf_hooks.monitorEventLoopDelay) samples every 5 ms; a window
 * starts at server start or at the last reset (`GET /api/status?resetEventLoop=1`, which the load test uses
 * between its phases). Server-only.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from "node:perf_hooks";
import { processWide } from "../config";

export interface EventLoopDelay {
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Length of the measuring window, in seconds. */
  windowS: number;
}

type Holder = { histogram: IntervalHistogram; since: number };

function holder(): Holder {
  return processWide("event-loop", () => {
    const histogram = monitorEventLoopDelay({ resolution: 5 });
    histogram.enable();
    return { histogram, since: performance.now() };
  });
}

const ms = (ns: number) => Math.round(ns / 1e4) / 100;

export function eventLoopDelay(): EventLoopDelay {
  const { histogram, since } = holder();
  return {
    p50Ms: ms(histogram.percentile(50)),
    p99Ms: ms(histogram.percentile(99)),
    maxMs: ms(histogram.max),
    windowS: Math.round((performance.now() - since) / 100) / 10,
  };
}

export function resetEventLoopDelay(): void {
  const state = holder();
  state.histogram.reset();
  state.since = performance.now();
}
