/**
 * Ranking from scores, the fast path: top-k by partial selection (one pass, a k-slot buffer) instead of a full
 * sort, and ranks under the other poolings computed for the hits only. Order is score descending, then entry
 * index ascending, exactly as the brute-force oracle (rank-naive.ts) orders. Pure.
 */
import type { Pooling } from "../pooling/strategies";
import type { HistogramBin, SearchHit } from "../api/contract/wire-types";
import { histogram } from "./histogram";

/** A hit before its text is attached (the rank worker knows vectors, not texts). */
export type ScoredHit = Omit<SearchHit, "text">;

export interface ScoreRanking {
  hits: Partial<Record<Pooling, ScoredHit[]>>;
  histograms: Partial<Record<Pooling, HistogramBin[]>>;
}

/** The indices of the k best scores, best first; equal scores keep index order. O(n) for a small k. */
export function topKIndices(scores: Float32Array, k: number): number[] {
  const size = Math.min(k, scores.length);
  const best = new Int32Array(size);
  const values = new Float64Array(size).fill(-Infinity);
  let filled = 0;
  for (let i = 0; i < scores.length; i++) {
    const score = scores[i];
    // Strictly greater: an equal score seen later has a larger index, so it ranks after the one kept.
    if (filled === size && !(score > values[size - 1])) continue;
    let at = filled < size ? filled++ : size - 1;
    while (at > 0 && values[at - 1] < score) {
      values[at] = values[at - 1];
      best[at] = best[at - 1];
      at--;
    }
    values[at] = score;
    best[at] = i;
  }
  return Array.from(best.subarray(0, filled));
}

/**
 * Fine buckets over the cosine range [-1, 1] for ranksOf: about one entry per bucket (65,536 at most, 1.5 an
 * entry at 100,000), so both passes stay cheap for a small knowledge base too.
 */
function bucketCount(entries: number): number {
  return Math.min(65_536, Math.max(256, 2 ** Math.ceil(Math.log2(Math.max(entries, 1)))));
}

function bucketOf(score: number, buckets: number): number {
  const bucket = Math.floor((score + 1) * (buckets / 2));
  // A cosine a hair past +-1 (float rounding), or NaN, still lands in a bucket.
  return bucket >= 0 ? (bucket < buckets ? bucket : buckets - 1) : 0;
}

/**
 * The 1-based rank of each of `indices` in the whole list: 1 + entries with a higher score + entries with the
 * same score and a smaller index. Two branch-light passes instead of a sort: count entries per fine bucket (so
 * "how many in higher buckets" is a suffix sum), then collect the few entries that share a bucket with an asked
 * score and compare those exactly. O(n), whatever the scores.
 */
export function ranksOf(scores: Float32Array, indices: readonly number[]): number[] {
  const size = bucketCount(scores.length);
  const buckets = new Uint16Array(scores.length);
  const counts = new Int32Array(size + 1);
  for (let j = 0; j < scores.length; j++) counts[(buckets[j] = bucketOf(scores[j], size))]++;
  for (let b = size - 1; b >= 0; b--) counts[b] += counts[b + 1]; // counts[b] = entries in buckets >= b
  const asked = new Map<number, number[]>(); // bucket -> entries in it
  for (const i of indices) asked.set(bucketOf(scores[i], size), []);
  const marked = new Uint8Array(size);
  for (const bucket of asked.keys()) marked[bucket] = 1;
  for (let j = 0; j < scores.length; j++) if (marked[buckets[j]]) asked.get(buckets[j])!.push(j);
  return indices.map((i) => {
    const score = scores[i];
    const bucket = bucketOf(score, size);
    let ahead = counts[bucket + 1];
    for (const j of asked.get(bucket)!) if (scores[j] > score || (scores[j] === score && j < i)) ahead++;
    return ahead + 1;
  });
}

/**
 * Top-k hits and the score distribution under each pooling; every hit carries its rank under all of them (the
 * side-by-side view shows how far an entry moved).
 * @param scores per pooling, every entry's score (cosine with the query)
 */
export function rankScores(scores: Partial<Record<Pooling, Float32Array>>, poolings: readonly Pooling[], topK: number): ScoreRanking {
  const tops = new Map(poolings.map((p) => [p, topKIndices(scores[p]!, topK)]));
  const hitIndices = [...new Set([...tops.values()].flat())];
  const ranks = new Map<Pooling, Map<number, number>>();
  for (const p of poolings) {
    const computed = ranksOf(scores[p]!, hitIndices);
    ranks.set(p, new Map(hitIndices.map((index, i) => [index, computed[i]])));
  }
  const ranksOfEntry = (index: number) => Object.fromEntries(poolings.map((p) => [p, ranks.get(p)!.get(index)!]));
  const ranking: ScoreRanking = { hits: {}, histograms: {} };
  for (const p of poolings) {
    const top = tops.get(p)!;
    ranking.hits[p] = top.map((index, position) => ({ index, score: scores[p]![index], rank: position + 1, ranks: ranksOfEntry(index) }));
    ranking.histograms[p] = histogram(scores[p]!);
  }
  return ranking;
}
