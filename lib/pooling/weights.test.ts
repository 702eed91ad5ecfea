import { describe, expect, it } from "vitest";
import { pool } from "./pool";
import { POOLINGS } from "./strategies";
import { WEIGHTED_POOLINGS, poolingWeights, splitPooled } from "./weights";

// What the pooled graph computes, in plain loops: pooled = weights @ hidden, pooled_max = masked ReduceMax.
function graphPooling(hidden: Float32Array, mask: number[], weights: Float32Array, batch: number, seq: number, dim: number) {
  const k = WEIGHTED_POOLINGS.length;
  const pooled = new Float32Array(batch * k * dim);
  const pooledMax = new Float32Array(batch * dim).fill(-Infinity);
  for (let b = 0; b < batch; b++) {
    for (let t = 0; t < seq; t++) {
      for (let d = 0; d < dim; d++) {
        const h = hidden[(b * seq + t) * dim + d];
        for (let j = 0; j < k; j++) pooled[(b * k + j) * dim + d] += weights[(b * k + j) * seq + t] * h;
        const masked = h + (mask[b * seq + t] - 1) * 1e9;
        if (masked > pooledMax[b * dim + d]) pooledMax[b * dim + d] = masked;
      }
    }
  }
  return { pooled, pooledMax };
}

describe("splitPooled", () => {
  it("cuts [batch, 4, dim] into one [batch, dim] matrix per pooling and passes max through", () => {
    // batch 2, dim 2: pooled[b, k, :] = (10b + k, -(10b + k))
    const pooled = Float32Array.from([0, 0, 1, -1, 2, -2, 3, -3, 10, -10, 11, -11, 12, -12, 13, -13]);
    const max = Float32Array.from([7, 8, 9, 10]);
    const split = splitPooled(pooled, max, 2, 2);
    expect([...split.cls]).toEqual([0, 0, 10, -10]);
    expect([...split.mean]).toEqual([1, -1, 11, -11]);
    expect([...split.mean_content]).toEqual([2, -2, 12, -12]);
    expect([...split.last_token]).toEqual([3, -3, 13, -13]);
    expect(split.max).toBe(max);
  });
});

describe("poolingWeights", () => {
  it("puts one-hot rows at the first and last attended token and 1/count over attended and content tokens", () => {
    // one row, right-padded: [CLS] a b [SEP] pad
    const w = poolingWeights([1, 1, 1, 1, 0], [1, 0, 0, 1, 0], 1, 5);
    expect([...w.subarray(0, 5)]).toEqual([1, 0, 0, 0, 0]);
    expect([...w.subarray(5, 10)]).toEqual([0.25, 0.25, 0.25, 0.25, 0]);
    expect([...w.subarray(10, 15)]).toEqual([0, 0.5, 0.5, 0, 0]);
    expect([...w.subarray(15, 20)]).toEqual([0, 0, 0, 1, 0]);
  });

  it("finds the tokens from the mask under left padding", () => {
    const w = poolingWeights([0, 0, 1, 1], [0, 0, 1, 0], 1, 4);
    expect([...w.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    expect([...w.subarray(12, 16)]).toEqual([0, 0, 0, 1]);
  });

  it("weights a batch with one right-padded and one left-padded row (pool.test.ts's tensors)", () => {
    // row 0: [CLS] a [SEP] pad ; row 1: pad [CLS] b [SEP]
    const w = poolingWeights([1, 1, 1, 0, 0, 1, 1, 1], [1, 0, 1, 0, 0, 1, 0, 1], 2, 4);
    const third = 1 / 3;
    expect([...w.subarray(0, 16)]).toEqual([1, 0, 0, 0, third, third, third, 0, 0, 1, 0, 0, 0, 0, 1, 0].map(Math.fround));
    expect([...w.subarray(16, 32)]).toEqual([0, 1, 0, 0, 0, third, third, third, 0, 0, 1, 0, 0, 0, 0, 1].map(Math.fround));
  });

  it("gives zero weights, not NaN, for a row with no content tokens", () => {
    const w = poolingWeights([1, 1], [1, 1], 1, 2);
    expect([...w.subarray(4, 6)]).toEqual([0, 0]);
  });

  it("matches lib/pooling for every strategy on random padded batches (both sides)", () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 4 - 2;
    for (const side of ["right", "left"] as const) {
      const [batch, seq, dim] = [3, 6, 5];
      const lengths = [6, 4, 2];
      const mask: number[] = [];
      const special: number[] = [];
      lengths.forEach((length) => {
        const offset = side === "left" ? seq - length : 0;
        for (let t = 0; t < seq; t++) {
          const inside = t >= offset && t < offset + length;
          mask.push(inside ? 1 : 0);
          special.push(inside && (t === offset || t === offset + length - 1) ? 1 : 0);
        }
      });
      const hidden = Float32Array.from({ length: batch * seq * dim }, random);
      const { pooled, pooledMax } = graphPooling(hidden, mask, poolingWeights(mask, special, batch, seq), batch, seq, dim);
      const split = splitPooled(pooled, pooledMax, batch, dim);
      for (const p of POOLINGS) {
        const expected = pool(p, { hidden, attentionMask: mask, specialMask: special, batch, seq, dim });
        expect(split[p]).toHaveLength(expected.length);
        split[p].forEach((value, i) => expect(value).toBeCloseTo(expected[i], 5));
      }
    }
  });
});
