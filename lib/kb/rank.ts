/**
 * Ranking from scores, the fast path: one pass per pooling for the top k (partial selection, not a sort), the
 * histogram and a rank index, then the ranks under the other poolings for the hits only. Order is score descending, then entry
 * index ascending, exactly as the brute-force oracle (rank-naive.ts) orders. Pure.
 */
import type { Pooling } from "../pooling/strategies";
import type { HistogramBin, SearchHit } from "./types";
import { BIN_EPSILON, DEFAULT_BIN_WIDTH, histogram } from "./histogram";

/** A hit before its text is attached (the rank worker knows vectors, not texts). */
export type ScoredHit = Omit<SearchHit, "text">;

export interface ScoreRanking {
  hits: Partial<Record<Pooling, ScoredHit[]>>;
  histograms: Partial<Record<Pooling, HistogramBin[]>>;
}

/** Where ranksOf finds how many entries beat a score: fine buckets and, per bucket, the entries at or above it. */
export interface RankIndex {
  size: number;
  /** Each entry's bucket. */
  buckets: Uint16Array;
  /** above[b] = entries in buckets >= b. */
  above: Int32Array;
}

/** What one pass over a pooling's scores yields. */
export interface ScoreScan {
  /** The indices of the k best scores, best first; equal scores keep index order. */
  top: number[];
  /** The same bins as histogram(scores). */
  histogram: HistogramBin[];
  index: RankIndex;
}

/**
 * Fine buckets over the cosine range [-1, 1] for ranksOf: about one entry per bucket (65,536 at most, 1.5 an
 * entry at 100,000), so both passes stay cheap for a small knowledge base too.
 */
function bucketCount(entries: number): number {
  return Math.min(65_536, Math.max(256, 2 ** Math.ceil(Math.log2(Math.max(entries, 1)))));
}

// Histogram bins of a cosine lie in [-21, 20] (0.05 wide); a few to spare either side.
const BIN_OFFSET = 32;

/**
 * One pass over the scores for the three things a search needs from them: the top k by partial selection (a
 * k-slot buffer, O(n) for a small k, not a sort), the histogram's bin counts, and the fine buckets ranksOf
 * reads. Scores outside [-1.6, 1.6] (not cosines) fall back to histogram() for the bins.
 */
export function scanScores(scores: Float32Array, k: number): ScoreScan {
  const size = Math.min(k, scores.length);
  const best = new Int32Array(size);
  const values = new Float64Array(size).fill(-Infinity);
  let filled = 0;
  const bins = new Int32Array(2 * BIN_OFFSET);
  let binsOk = true;
  const rankSize = bucketCount(scores.length);
  const halfRange = rankSize / 2;
  const lastBucket = rankSize - 1;
  const buckets = new Uint16Array(scores.length);
  const above = new Int32Array(rankSize + 1);
  let kth = size === 0 ? Infinity : -Infinity; // the k-th best score once the buffer is full
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i];
    // The fine bucket, floor((score + 1) * halfRange) clamped: a cosine a hair past +-1 (float rounding), a
    // score that is no cosine, or NaN still lands in one. `| 0` is the floor on the non-negative range it sees.
    const position = (score + 1) * halfRange;
    const bucket = position >= lastBucket ? lastBucket : position > 0 ? position | 0 : 0;
    above[(buckets[i] = bucket)]++;
    const bin = Math.floor(score / DEFAULT_BIN_WIDTH + BIN_EPSILON) + BIN_OFFSET;
    if (bin >= 0 && bin < bins.length) bins[bin]++;
    else binsOk = false;
    // Strictly greater: an equal score seen later has a larger index, so it ranks after the one kept.
    if (filled === size && !(score > kth)) continue;
    let at = filled < size ? filled++ : size - 1;
    while (at > 0 && values[at - 1] < score) {
      values[at] = values[at - 1];
      best[at] = best[at - 1];
      at--;
    }
    values[at] = score;
    best[at] = i;
    if (filled === size) kth = values[size - 1];
  }
  for (let b = rankSize - 1; b >= 0; b--) above[b] += above[b + 1];
  return { top: Array.from(best.subarray(0, filled)), histogram: binsOk ? binsOf(bins) : histogram(scores), index: { size: rankSize, buckets, above } };
}

/** Counts per bin (offset by BIN_OFFSET) as histogram() returns them: from the lowest occupied bin to the highest. */
function binsOf(counts: Int32Array): HistogramBin[] {
  const first = counts.findIndex((c) => c > 0);
  if (first < 0) return [];
  let last = counts.length - 1;
  while (counts[last] === 0) last--;
  return Array.from(counts.subarray(first, last + 1), (count, i) => {
    const bin = first + i - BIN_OFFSET;
    return { start: roundBin(bin * DEFAULT_BIN_WIDTH), end: roundBin((bin + 1) * DEFAULT_BIN_WIDTH), count };
  });
}

function roundBin(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/**
 * The 1-based rank of each of `indices` in the whole list: 1 + entries with a higher score + entries with the
 * same score and a smaller index. Entries in higher buckets are counted by the scan; only those sharing a
 * bucket with an asked score are compared exactly. One pass, whatever the scores.
 */
export function ranksOf(scores: Float32Array, indices: readonly number[], index: RankIndex = scanScores(scores, 0).index): number[] {
  const { size, buckets, above } = index;
  const asked = new Map<number, number[]>(); // bucket -> entries in it
  for (const i of indices) asked.set(buckets[i], []);
  const marked = new Uint8Array(size);
  for (const bucket of asked.keys()) marked[bucket] = 1;
  for (let j = 0; j < scores.length; j++) if (marked[buckets[j]]) asked.get(buckets[j])!.push(j);
  return indices.map((i) => {
    const score = scores[i];
    let ahead = above[buckets[i] + 1];
    for (const j of asked.get(buckets[i])!) if (scores[j] > score || (scores[j] === score && j < i)) ahead++;
    return ahead + 1;
  });
}

/**
 * Top-k hits and the score distribution under each pooling; every hit carries its rank under all of them (the
 * side-by-side view shows how far an entry moved).
 * @param scores per pooling, every entry's score (cosine with the query)
 */
export function rankScores(scores: Partial<Record<Pooling, Float32Array>>, poolings: readonly Pooling[], topK: number): ScoreRanking {
  const scans = new Map(poolings.map((p) => [p, scanScores(scores[p]!, topK)]));
  const hitIndices = [...new Set([...scans.values()].flatMap((scan) => scan.top))];
  const ranks = new Map<Pooling, Map<number, number>>();
  for (const p of poolings) {
    const computed = ranksOf(scores[p]!, hitIndices, scans.get(p)!.index);
    ranks.set(p, new Map(hitIndices.map((index, i) => [index, computed[i]])));
  }
  const ranksOfEntry = (index: number) => Object.fromEntries(poolings.map((p) => [p, ranks.get(p)!.get(index)!]));
  const ranking: ScoreRanking = { hits: {}, histograms: {} };
  for (const p of poolings) {
    const { top, histogram: bins } = scans.get(p)!;
    ranking.hits[p] = top.map((index, position) => ({ index, score: scores[p]![index], rank: position + 1, ranks: ranksOfEntry(index) }));
    ranking.histograms[p] = bins;
  }
  return ranking;
}
