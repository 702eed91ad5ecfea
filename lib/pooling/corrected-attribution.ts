/**
 * Token attributions of a cosine score under a correction. A correction is affine, y = (x - mu) M, and the engine
 * corrects the unit mean vector x = s / |s| with s = (1/n) sum_i t_i. Writing mu as (1/n) sum_i mu gives
 *   y = (1/n) sum_i (t_i / |s| - mu) M,
 * a sum of one term per token again, so cos(q, y) = sum_i q^ . ((t_i / |s| - mu) M) / (n |y|) splits exactly,
 * the corpus mean's share spread evenly over the tokens. Pure.
 */
import { dot, type ADDITIVE_POOLINGS, type TextStates } from "./attribution";
import type { AffineMap } from "./corrections";

/**
 * Each token's term of cos(other, the corrected mean of the counted tokens); uncounted tokens get 0. `other` is
 * the other text's corrected unit vector [map.outDims]. The terms sum to the corrected cosine.
 */
export function correctedMeanContributions(states: TextStates, pooling: (typeof ADDITIVE_POOLINGS)[number], map: AffineMap, other: ArrayLike<number>): number[] {
  const { hidden, specials, dims } = states;
  if (dims !== map.inDims) throw new RangeError(`expected token states of ${map.inDims} values (the correction's), got ${dims}`);
  const counted = specials.map((special) => pooling === "mean" || !special);
  const n = counted.filter(Boolean).length;
  if (n === 0) return specials.map(() => 0);
  const sum = new Float64Array(dims);
  counted.forEach((yes, t) => {
    if (yes) for (let d = 0; d < dims; d++) sum[d] += hidden[t * dims + d];
  });
  const sNorm = Math.sqrt(dot(sum, sum)) / n;
  if (sNorm === 0) return specials.map(() => 0);
  // Each token's mapped term (t_i / |s| - mu) M, and their sum n y.
  const terms = counted.map((yes, t) => (yes ? mapRow(map, (d) => hidden[t * dims + d] / sNorm - map.mean[d]) : null));
  const total = new Float64Array(map.outDims);
  for (const term of terms) if (term) for (let j = 0; j < map.outDims; j++) total[j] += term[j];
  const yNorm = Math.sqrt(dot(total, total)) / n; // |y|
  if (yNorm === 0) return specials.map(() => 0);
  return terms.map((term) => (term ? dot(other, term) / (n * yNorm) : 0));
}

/** v M for v given by its values: [inDims] -> [outDims]. */
function mapRow(map: AffineMap, value: (d: number) => number): Float64Array {
  const out = new Float64Array(map.outDims);
  for (let d = 0; d < map.inDims; d++) {
    const v = value(d);
    const base = d * map.outDims;
    for (let j = 0; j < map.outDims; j++) out[j] += v * map.matrix[base + j];
  }
  return out;
}
