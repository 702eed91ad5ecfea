/**
 * In-graph pooling, host side: the weights a pooled graph (lib/engine/pooled-graph.mjs) multiplies
 * last_hidden_state by.
 * The positions come from the masks exactly as lib/pooling finds them, so the graph needs no ArgMax or CumSum
 * and one batched MatMul gives four poolings: pooled[b, k, :] = sum_t weights[b, k, t] * hidden[b, t, :].
 * Max pooling is the graph's own ReduceMax over attended tokens (not a weighted sum).
 */
import type { Pooling } from "./strategies";

/** Rows of pool_weights, in the graph's order (POOLED_ORDER in lib/engine/pooled-graph.mjs). */
export const WEIGHTED_POOLINGS = ["cls", "mean", "mean_content", "last_token"] as const satisfies readonly Pooling[];

// As lib/pooling's weighted mean: guards a division by an empty mask (sentence-transformers' clamp(min=1e-9)).
export const MIN_COUNT = 1e-9;

/**
 * attentionMask, specialMask: [batch, seq] (1 = attended / special). Returns pool_weights: [batch, 4, seq].
 * NOTE: cls and last_token are the first and last attended positions, not 0 and seq - 1, so left and right
 * padding both pool the right token (lib/pooling/pool.ts does the same).
 */
export function poolingWeights(attentionMask: ArrayLike<number>, specialMask: ArrayLike<number>, batch: number, seq: number): Float32Array {
  const k = WEIGHTED_POOLINGS.length;
  const weights = new Float32Array(batch * k * seq); // [batch, 4, seq]
  for (let row = 0; row < batch; row++) {
    let first = -1;
    let last = -1;
    let attended = 0;
    let content = 0;
    for (let t = 0; t < seq; t++) {
      if (!attentionMask[row * seq + t]) continue;
      if (first < 0) first = t;
      last = t;
      attended++;
      if (!specialMask[row * seq + t]) content++;
    }
    const base = row * k * seq;
    if (first >= 0) weights[base + first] = 1;
    if (last >= 0) weights[base + 3 * seq + last] = 1;
    const meanWeight = 1 / Math.max(attended, MIN_COUNT);
    const contentWeight = 1 / Math.max(content, MIN_COUNT);
    for (let t = 0; t < seq; t++) {
      if (!attentionMask[row * seq + t]) continue;
      weights[base + seq + t] = meanWeight;
      if (!specialMask[row * seq + t]) weights[base + 2 * seq + t] = contentWeight;
    }
  }
  return weights;
}

/**
 * Splits a pooled graph's outputs into one [batch, dim] matrix per pooling.
 * pooled: [batch, 4, dim] in WEIGHTED_POOLINGS order; pooledMax: [batch, dim].
 */
export function splitPooled(pooled: Float32Array, pooledMax: Float32Array, batch: number, dim: number): Record<Pooling, Float32Array> {
  const k = WEIGHTED_POOLINGS.length;
  const out = { max: pooledMax } as Record<Pooling, Float32Array>;
  WEIGHTED_POOLINGS.forEach((name, index) => {
    const rows = new Float32Array(batch * dim); // [batch, dim]
    for (let row = 0; row < batch; row++) rows.set(pooled.subarray((row * k + index) * dim, (row * k + index + 1) * dim), row * dim);
    out[name] = rows;
  });
  return out;
}
