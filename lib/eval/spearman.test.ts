import { describe, expect, it } from "vitest";
import { averageRanks, pearson, spearman } from "./spearman";

describe("spearman", () => {
  it("gives tied values their average rank", () => {
    expect(averageRanks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
  });

  it("is 1 for any monotone relation and -1 for a reversed one", () => {
    expect(spearman([1, 2, 3, 4], [1, 8, 27, 64])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [9, 7, 3, 1])).toBeCloseTo(-1, 12);
  });

  it("matches scipy.stats.spearmanr on a small case with ties", () => {
    // scipy.stats.spearmanr([1, 2, 2, 3, 5], [2, 1, 4, 4, 5]).statistic == 0.7631578947368421
    expect(spearman([1, 2, 2, 3, 5], [2, 1, 4, 4, 5])).toBeCloseTo(0.7631578947368421, 12);
  });

  it("rejects series of different lengths with both lengths in the message", () => {
    expect(() => pearson([1, 2], [1, 2, 3])).toThrow(/equal length >= 2, got 2 and 3/);
  });
});
