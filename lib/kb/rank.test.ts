import { describe, expect, it } from "vitest";
import { POOLINGS } from "../pooling/strategies";
import { normalizedRows, seededRandom } from "../../testing/random";
import { rankKnowledgeBase, rankOrder, ranksFromOrder, scoreAll } from "./rank-naive";
import { histogram } from "./histogram";
import { rankScores, ranksOf, scanScores } from "./rank";

const topKIndices = (scores: Float32Array, k: number) => scanScores(scores, k).top;

describe("topKIndices", () => {
  it("picks the k best, best first, by hand", () => {
    expect(topKIndices(Float32Array.from([0.2, 0.9, 0.5, 0.7, -0.1]), 3)).toEqual([1, 3, 2]);
  });

  it("keeps index order among equal scores, also at the cut", () => {
    expect(topKIndices(Float32Array.from([0.5, 0.9, 0.5, 0.9, 0.5]), 3)).toEqual([1, 3, 0]);
  });

  it("returns every entry when k is larger than the list, and nothing for an empty list", () => {
    expect(topKIndices(Float32Array.from([0.1, 0.3]), 10)).toEqual([1, 0]);
    expect(topKIndices(new Float32Array(0), 5)).toEqual([]);
  });

  it("agrees with a full sort on random scores with many ties", () => {
    const next = seededRandom(7);
    // Scores rounded to 0.01: hundreds of ties among 5,000 entries.
    const scores = Float32Array.from({ length: 5000 }, () => Math.round(next() * 100) / 100);
    for (const k of [1, 10, 100]) expect(topKIndices(scores, k)).toEqual([...rankOrder(scores).subarray(0, k)]);
  });
});

describe("ranksOf", () => {
  it("ranks by hand: higher scores first, then smaller index among equals", () => {
    const scores = Float32Array.from([0.2, 0.9, 0.5, 0.9, -0.1]);
    expect(ranksOf(scores, [0, 1, 3, 4])).toEqual([4, 1, 2, 5]);
  });

  it("equals the inverse of the full sort on random scores with ties", () => {
    const next = seededRandom(11);
    const scores = Float32Array.from({ length: 3000 }, () => Math.round(next() * 50) / 50);
    const all = ranksFromOrder(rankOrder(scores));
    const asked = [0, 5, 17, 1000, 2999, 1234, 42];
    expect(ranksOf(scores, asked)).toEqual(asked.map((i) => all[i]));
  });
});

describe("rankScores against the brute-force oracle", () => {
  it("gives the same hits, scores, ranks and histograms for every pooling", () => {
    const dims = 32;
    const count = 2000;
    const entries = Array.from({ length: count }, (_, i) => `e${i}`);
    const embeddings = Object.fromEntries(POOLINGS.map((p, i) => [p, normalizedRows(count, dims, 100 + i)]));
    const queries = Object.fromEntries(POOLINGS.map((p, i) => [p, normalizedRows(1, dims, 200 + i)]));
    const oracle = rankKnowledgeBase({ entries, dims, embeddings }, queries, POOLINGS, 25);
    const scores = Object.fromEntries(POOLINGS.map((p) => [p, scoreAll(embeddings[p], dims, queries[p])]));
    const fast = rankScores(scores, POOLINGS, 25);
    for (const p of POOLINGS) {
      expect(fast.hits[p]).toEqual(oracle.results[p]!.map(({ text: _text, ...hit }) => hit));
      expect(fast.histograms[p]).toEqual(oracle.histograms[p]);
    }
  });
});

describe("scanScores' histogram", () => {
  it("has exactly histogram()'s bins, bin edges (0.4, -0.05) and the extremes included", () => {
    const next = seededRandom(23);
    const scores = Float32Array.from([0.4, -0.05, 0.45, 1, -1, 0.99999994, ...Array.from({ length: 5000 }, () => next() * 1.6)]);
    expect(scanScores(scores, 3).histogram).toEqual(histogram(scores));
  });

  it("falls back to histogram() for scores that are not cosines", () => {
    const scores = Float32Array.from([5, -7, 0.2]);
    expect(scanScores(scores, 1).histogram).toEqual(histogram(scores));
    expect(scanScores(new Float32Array(0), 1).histogram).toEqual([]);
  });
});

describe("ranksOf at the edges of the cosine range", () => {
  it("ranks scores a hair past +1 and -1 (float rounding) correctly", () => {
    const scores = Float32Array.from([1.0000001, 1, -1, -1.0000001, 0.99999994, 0]);
    const all = ranksFromOrder(rankOrder(scores));
    expect(ranksOf(scores, [0, 1, 2, 3, 4, 5])).toEqual([...all]);
  });

  it("ranks scores far outside it (no cosine) and ties among them", () => {
    const scores = Float32Array.from([50, -70, 3, 50, -2, 0.5, -70]);
    const all = ranksFromOrder(rankOrder(scores));
    expect(ranksOf(scores, [0, 1, 2, 3, 4, 5, 6])).toEqual([...all]);
  });
});
