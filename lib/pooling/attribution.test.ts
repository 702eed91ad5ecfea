import { describe, expect, it } from "vitest";
import { dot, isAdditive, meanContributions, pooledUnit, withoutToken } from "./attribution";
import { normalizedRows } from "../../testing/random";

// Three tokens in 2-D, hand-computable: [CLS] (1,0), "cat" (0,2), [SEP] (1,1).
const STATES = { hidden: Float32Array.from([1, 0, 0, 2, 1, 1]), specials: [true, false, true], dims: 2 };

describe("meanContributions", () => {
  it("splits the mean's cosine into one term per token (hand-computed)", () => {
    // s = (2/3, 1); |s| = sqrt(13)/3; q = (1, 0): terms t_i.q / (3 |s|) = 1/sqrt(13), 0, 1/sqrt(13).
    const terms = meanContributions(STATES, "mean", [1, 0]);
    expect(terms[0]).toBeCloseTo(1 / Math.sqrt(13), 6);
    expect(terms[1]).toBeCloseTo(0, 6);
    expect(terms[2]).toBeCloseTo(1 / Math.sqrt(13), 6);
  });

  it("gives special tokens nothing under mean_content (only 'cat' counts)", () => {
    expect(meanContributions(STATES, "mean_content", [0, 1])).toEqual([0, 1, 0]);
  });

  it("sums to the cosine of the pooled vectors, for random states and both mean poolings", () => {
    const dims = 16;
    const hidden = normalizedRows(7, dims, 11).map((x, i) => x * (1 + (i % 3)));
    const states = { hidden, specials: [true, false, false, false, false, false, true], dims };
    const other = normalizedRows(1, dims, 12);
    for (const pooling of ["mean", "mean_content"] as const) {
      const sum = meanContributions(states, pooling, other).reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(dot(pooledUnit(states, pooling), other), 5);
    }
  });

  it("answers zeros rather than NaN when no token counts", () => {
    expect(meanContributions({ ...STATES, specials: [true, true, true] }, "mean_content", [1, 0])).toEqual([0, 0, 0]);
  });
});

describe("helpers", () => {
  it("knows which poolings are additive", () => {
    expect(["cls", "mean", "mean_content", "last_token", "max"].map((p) => isAdditive(p as never))).toEqual([false, true, true, false, false]);
  });

  it("leaves exactly one token out", () => {
    expect(withoutToken([1, 2, 3], 1)).toEqual([1, 3]);
  });
});
