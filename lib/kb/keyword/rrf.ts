/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009): a document's fused score is the sum over
 * the rankings it appears in of 1 / (k + rank), k = 60. It needs ranks only, never scores, which is why keyword
 * (BM25, unbounded) and semantic (cosine, -1 to 1) results can be fused without putting them on one scale. Pure.
 */

/** @default 60, the paper's value */
export const RRF_K = 60;

export interface FusedHit {
  index: number;
  /** The fused score: sum of 1 / (k + rank). */
  score: number;
  /** 1-based. */
  rank: number;
  /** This document's 1-based rank in each ranking fused (absent: not in that ranking's list). */
  ranks: (number | null)[];
}

/** Fuses rankings given as document indexes, best first; ties keep the order of first appearance. */
export function reciprocalRankFusion(rankings: readonly (readonly number[])[], topK: number, k = RRF_K): FusedHit[] {
  const fused = new Map<number, { score: number; ranks: (number | null)[]; first: number }>();
  let order = 0;
  rankings.forEach((ranking, which) => {
    ranking.forEach((index, position) => {
      let entry = fused.get(index);
      if (!entry) fused.set(index, (entry = { score: 0, ranks: rankings.map(() => null), first: order++ }));
      entry.score += 1 / (k + position + 1);
      entry.ranks[which] = position + 1;
    });
  });
  return [...fused.entries()]
    .sort(([, a], [, b]) => b.score - a.score || a.first - b.first)
    .slice(0, topK)
    .map(([index, { score, ranks }], i) => ({ index, score, rank: i + 1, ranks }));
}
