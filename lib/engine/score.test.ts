import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { normalizedRows } from "../testing/random";
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

  it("agrees with the plain loop to float precision on random vectors", async () => {
    const rows = normalizedRows(3000, 384, 5);
    const query = normalizedRows(1, 384, 6);
    const fast = await scorer.score(rows, 384, query);
    let worst = 0;
    for (let i = 0; i < 3000; i++) {
      let dot = 0;
      for (let d = 0; d < 384; d++) dot += rows[i * 384 + d] * query[d];
      worst = Math.max(worst, Math.abs(fast[i] - dot));
    }
    expect(worst).toBeLessThan(1e-5);
  });

  it("answers an empty matrix with no scores and refuses shapes that disagree", async () => {
    expect(await scorer.score(new Float32Array(0), 4, new Float32Array(4))).toHaveLength(0);
    await expect(scorer.score(new Float32Array(6), 3, new Float32Array(2))).rejects.toThrow(/expected a query of 3 dims .* got 2 and 6/);
  });
});
