import { describe, expect, it } from "vitest";
import { anisotropy, correctedRows, pairSpearman, precisionSpearman, randomPairs } from "./layer-metrics";

// Four unit vectors in 2-D and three scored pairs, computable by hand.
const rows = Float32Array.from([1, 0, 0, 1, Math.SQRT1_2, Math.SQRT1_2, -1, 0]);
const pairs = { a: Int32Array.from([0, 0, 0]), b: Int32Array.from([1, 2, 3]), gold: [2, 4, 0] };

describe("layer metrics", () => {
  it("pairSpearman ranks the pairs' cosines against gold (cosines 0, 0.71, -1 vs gold 2, 4, 0: perfect)", () => {
    expect(pairSpearman(rows, 2, pairs)).toBeCloseTo(100, 10);
    expect(pairSpearman(rows, 2, { ...pairs, gold: [4, 2, 0] })).toBeCloseTo(50, 10);
  });

  it("anisotropy is the mean cosine of the pairs given", () => {
    expect(anisotropy(rows, 2, [[0, 1], [0, 3]])).toBeCloseTo(-0.5, 10);
    expect(anisotropy(rows, 2, [])).toBe(0);
  });

  it("draws the same distinct random pairs every run", () => {
    const drawn = randomPairs(10, 50);
    expect(drawn).toEqual(randomPairs(10, 50));
    expect(drawn.every(([a, b]) => a !== b && a < 10 && b < 10)).toBe(true);
    expect(randomPairs(1, 5)).toEqual([]);
  });

  it("leaves identical vectors alone instead of dividing by a zero spectrum", () => {
    const same = Float32Array.from([1, 0, 1, 0, 1, 0]);
    expect(correctedRows(same, 2, "whitening").rows).toBe(same);
  });

  it("scores int8 by the cosine of the codes and binary by Hamming, as sentence-transformers does", () => {
    expect(precisionSpearman(rows, 2, pairs, "float32")).toBeCloseTo(100, 10);
    // Codes (each dimension's minimum -> -128): (127,-128), (0,127), (89,52), (-128,-128). Their cosines with the
    // first, -0.70, 0.25 and 0.004, rank the pairs 1, 3, 2 against gold's 2, 3, 1: Spearman 0.5. The offset moves
    // the cosines: what quantize_embeddings' int8 dot products see too.
    expect(precisionSpearman(rows, 2, pairs, "int8")).toBeCloseTo(50, 10);
    // Sign bits (0 is not positive): 10, 01, 11, 00. Hamming similarities with the first: -1, 0, 0; ranks 1, 2.5,
    // 2.5 against gold's 2, 3, 1: no correlation left.
    expect(precisionSpearman(rows, 2, pairs, "binary")).toBeCloseTo(0, 10);
  });
});
