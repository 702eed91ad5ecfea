import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normalizedRows } from "../../testing/random";
import { createScorer, type Scorer } from "./score";

describe("createScorer (onnxruntime MatMul over the stored vectors)", () => {
  let scorer: Scorer;
  beforeAll(async () => {
    scorer = await createScorer(1);
  });
  afterAll(() => scorer.release());

  it("computes the dot products by hand", async () => {
    const rows = Float32Array.from([1, 0, 0, 1, 0.6, 0.8]); // [3, 2]
    expect([...(await scorer.score(rows, 2, Float32Array.from([0.6, 0.8])))].map((s) => Number(s.toFixed(6)))).toEqual([0.6, 0.8, 1]);
  });

  /** The largest difference from a plain one-row-at-a-time loop. */
  function worstError(rows: Float32Array, query: Float32Array, scores: Float32Array, dims: number): number {
    let worst = 0;
    for (let i = 0; i < scores.length; i++) {
      let dot = 0;
      for (let d = 0; d < dims; d++) dot += rows[i * dims + d] * query[d];
      worst = Math.max(worst, Math.abs(scores[i] - dot));
    }
    return worst;
  }

  it("agrees with the plain loop on a large matrix", async () => {
    const count = 5_003;
    const rows = normalizedRows(count, 384, 5);
    const query = normalizedRows(1, 384, 6);
    expect(worstError(rows, query, await scorer.score(rows, 384, query), 384)).toBeLessThan(1e-5);
  });

  it("agrees with the plain loop on small matrices, odd row counts included", async () => {
    for (const count of [1, 3, 4, 7, 1001]) {
      const rows = normalizedRows(count, 48, count);
      const query = normalizedRows(1, 48, 99);
      expect(worstError(rows, query, await scorer.score(rows, 48, query), 48)).toBeLessThan(1e-6);
    }
  });

  it("answers an empty matrix with no scores and refuses shapes that disagree", async () => {
    expect(await scorer.score(new Float32Array(0), 4, new Float32Array(4))).toHaveLength(0);
    await expect(scorer.score(new Float32Array(6), 3, new Float32Array(2))).rejects.toThrow(/expected a query of 3 dims .* got 2 and 6/);
  });
});
