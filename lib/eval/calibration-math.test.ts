import { describe, expect, it } from "vitest";
import { mulberry32 } from "../seeded-random";
import { bestF1Threshold, percentile, percentileRank, quantiles, randomPairs } from "./calibration-math";

describe("percentile", () => {
  it("interpolates as numpy does", () => {
    expect(percentile([1, 2, 3, 4], 50)).toBe(2.5);
    expect(percentile([1, 2, 3, 4], 0)).toBe(1);
    expect(percentile([1, 2, 3, 4], 100)).toBe(4);
    expect(percentile([0, 10], 95)).toBeCloseTo(9.5, 10);
  });

  it("refuses no values", () => {
    expect(() => percentile([], 50)).toThrow(/at least one value/);
  });
});

describe("percentileRank", () => {
  const q = quantiles(Array.from({ length: 1001 }, (_, i) => i / 1000)); // uniform on [0, 1]
  it("reads where a score falls among the quantiles", () => {
    expect(percentileRank(q, 0.5)).toBeCloseTo(50, 6);
    expect(percentileRank(q, 0.995)).toBeCloseTo(99.5, 6);
    expect(percentileRank(q, -1)).toBe(0);
    expect(percentileRank(q, 2)).toBe(100);
  });
});

describe("bestF1Threshold", () => {
  it("cuts in the gap between perfectly separated groups (F1 1)", () => {
    expect(bestF1Threshold([0.9, 0.8, 0.2, 0.1], [true, true, false, false])).toEqual({ threshold: 0.5, f1: 1 });
  });

  it("finds the best of imperfect cuts (hand-computed)", () => {
    // Descending: 0.9+ 0.7- 0.6+ 0.1-. Cut after 0.9: F1 2/3; after 0.6: 2*2/(3+2) = 0.8; after all: 2*2/(4+2).
    const { threshold, f1 } = bestF1Threshold([0.9, 0.7, 0.6, 0.1], [true, false, true, false]);
    expect(f1).toBeCloseTo(0.8, 10);
    expect(threshold).toBeCloseTo(0.35, 10);
  });

  it("never cuts between equal scores", () => {
    const { threshold } = bestF1Threshold([0.5, 0.5, 0.1], [true, false, false]);
    expect(threshold).toBeCloseTo(0.3, 10);
  });

  it("refuses one-sided labels", () => {
    expect(() => bestF1Threshold([0.1, 0.2], [true, true])).toThrow(/both similar and unrelated/);
  });
});

describe("randomPairs", () => {
  it("pairs distinct indices, the same ones for the same seed", () => {
    const pairs = randomPairs(10, 50, mulberry32(3));
    expect(pairs).toHaveLength(50);
    expect(pairs.every(([a, b]) => a !== b && a >= 0 && b < 10)).toBe(true);
    expect(randomPairs(10, 50, mulberry32(3))).toEqual(pairs);
  });
});
