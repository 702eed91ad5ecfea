/**
 * The numbers behind calibrated scores: percentiles of a score distribution, where one score falls in it, and
 * the cut that best separates similar from unrelated pairs. Pure; the browser uses percentileRank too.
 */

/** The p-th percentile (0-100) of ascending values, linearly interpolated (numpy's default). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError("expected at least one value, got none");
  const at = (p / 100) * (sorted.length - 1);
  const low = Math.floor(at);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

/** Percentiles 0, 1, ..., 100 of the values: a compact picture of the whole distribution (101 numbers). */
export function quantiles(values: readonly number[]): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  return Array.from({ length: 101 }, (_, p) => percentile(sorted, p));
}

/** Which share (0-100) of the distribution lies below `score`, read off its 101 quantiles by interpolation. */
export function percentileRank(quantileValues: readonly number[], score: number): number {
  const q = quantileValues;
  if (score <= q[0]) return 0;
  if (score >= q[q.length - 1]) return 100;
  let p = 0;
  while (q[p + 1] < score) p++;
  const width = q[p + 1] - q[p];
  return p + (width > 0 ? (score - q[p]) / width : 0);
}

/**
 * The threshold that maximizes F1 of "similar" (label true) against the rest: every cut between two adjacent
 * scores is tried, and the midpoint of the best gap is returned. Scores at or above the threshold count as similar.
 */
export function bestF1Threshold(scores: readonly number[], labels: readonly boolean[]): { threshold: number; f1: number } {
  const positives = labels.filter(Boolean).length;
  if (positives === 0 || positives === labels.length) throw new RangeError("expected both similar and unrelated pairs");
  const order = scores.map((_, i) => i).sort((a, b) => scores[b] - scores[a]);
  let truePositives = 0;
  let best = { threshold: scores[order[0]], f1: -1 };
  for (let k = 0; k < order.length; k++) {
    if (labels[order[k]]) truePositives++;
    const next = order[k + 1];
    if (next !== undefined && scores[next] === scores[order[k]]) continue; // a cut cannot split equal scores
    const predicted = k + 1;
    const f1 = (2 * truePositives) / (predicted + positives);
    if (f1 > best.f1) best = { threshold: next === undefined ? scores[order[k]] : (scores[order[k]] + scores[next]) / 2, f1 };
  }
  return best;
}

/** `count` pairs (a, b) of distinct indices below n, drawn with a seeded generator returning [0, 1). */
export function randomPairs(n: number, count: number, random: () => number): [number, number][] {
  if (n < 2) throw new RangeError(`expected at least 2 items to pair, got ${n}`);
  const pairs: [number, number][] = [];
  while (pairs.length < count) {
    const a = Math.floor(random() * n);
    const b = Math.floor(random() * n);
    if (a !== b) pairs.push([a, b]);
  }
  return pairs;
}
