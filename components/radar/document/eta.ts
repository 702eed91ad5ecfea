/**
 * The time left of an embedding, from its progress so far: the rate since the first progress event of this run
 * (entries resumed from a cancelled run arrive at once and are not counted as speed). Pure.
 */

export interface ProgressSample {
  /** performance.now() when the event arrived. */
  at: number;
  done: number;
}

/** Seconds left, or null until the rate can be told (two samples and some work between them). */
export function secondsLeft(first: ProgressSample | null, latest: ProgressSample, total: number): number | null {
  if (!first || latest.done <= first.done || latest.at <= first.at) return null;
  const rate = (latest.done - first.done) / (latest.at - first.at); // entries per ms
  return (total - latest.done) / rate / 1000;
}
