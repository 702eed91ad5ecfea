import { describe, expect, it } from "vitest";
import { pool } from "../../lib/pooling/pool";
import { POOLINGS } from "../../lib/pooling/strategies";
import { WEIGHTED_POOLINGS, poolingWeights, splitPooled } from "./pool-weights";

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
        split[p].forEach((value, i) => expect(value).toBeCloseTo(expected[i], 5));
      }
    }
  });
});
