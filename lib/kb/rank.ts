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
 * The 1-based rank of each of `indices` in the whole list: 1 + entries with a higher score + entries with the
 * same score and a smaller index. One pass over the scores with a binary search among the few scores asked
 * about: O(n log h), not a sort of n.
 */
export function ranksOf(scores: Float32Array, indices: readonly number[]): number[] {
  const values = [...new Set(indices.map((i) => scores[i]))].sort((a, b) => a - b); // ascending, distinct
  const higher = new Int32Array(values.length + 1); // difference array over value positions
  const ties = new Map<number, number[]>(); // value -> indices of every entry with exactly that score
  for (let j = 0; j < scores.length; j++) {
    const score = scores[j];
    let lo = 0;
    let hi = values.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (values[mid] < score) lo = mid + 1;
      else hi = mid;
    }
    // Every asked value below this score has one more entry above it.
    higher[0]++;
    higher[lo]--;
    if (lo < values.length && values[lo] === score) (ties.get(score) ?? ties.set(score, []).get(score)!).push(j);
  }
  const above = new Map<number, number>();
  let running = 0;
  values.forEach((value, position) => {
    running += higher[position];
    above.set(value, running);
  });
  return indices.map((i) => {
    const score = scores[i];
    const sameBefore = ties.get(score)!.filter((j) => j < i).length;
    return above.get(score)! + sameBefore + 1;
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
