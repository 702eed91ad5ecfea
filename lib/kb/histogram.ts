/** The score distribution the radar draws under its results. Pure. */
import type { HistogramBin } from "./types";

/** @default 0.05: fine enough to see the article's bands (0.35 / 0.45 / 0.65), coarse enough for 24 entries. */
export const DEFAULT_BIN_WIDTH = 0.05;

/** Keeps 0.4 in the [0.40, 0.45) bin despite 0.4 / 0.05 = 7.999999. */
export const BIN_EPSILON = 1e-9;

/** Counts scores in contiguous bins of `width`, aligned to multiples of it, from the lowest score's bin to the highest's. */
export function histogram(scores: ArrayLike<number>, width = DEFAULT_BIN_WIDTH): HistogramBin[] {
  if (scores.length === 0) return [];
  const binOf = (score: number) => Math.floor(score / width + BIN_EPSILON);
  // binOf is monotonic: the lowest and highest bins are those of the lowest and highest scores.
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i];
    if (score < min) min = score;
    if (score > max) max = score;
  }
  const low = binOf(min);
  const high = binOf(max);
  const counts = new Int32Array(high - low + 1);
  for (let i = 0; i < scores.length; i++) counts[binOf(scores[i]) - low]++;
  return Array.from(counts, (count, i) => ({ start: round((low + i) * width), end: round((low + i + 1) * width), count }));
}

function round(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
