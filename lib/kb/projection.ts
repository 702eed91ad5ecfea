/**
 * 2-D layouts of a knowledge base's vectors: PCA (power iteration on the centred rows, no covariance matrix built)
 * and UMAP (umap-js, seeded). Both are deterministic: the same rows give the same coordinates. Pure; the server
 * runs them in the map worker (map-worker.ts) so a layout never blocks a search.
 */
import { UMAP } from "umap-js";
import { mulberry32 } from "../seeded-random";

/** `max` of `count` indices drawn without replacement (seeded), in increasing order; all of them when count <= max. */
export function sampleIndices(count: number, max: number, seed: number): number[] {
  const all = Array.from({ length: count }, (_, i) => i);
  if (count <= max) return all;
  const random = mulberry32(seed);
  for (let i = 0; i < max; i++) {
    const j = i + Math.floor(random() * (count - i));
    [all[i], all[j]] = [all[j], all[i]];
  }
  return all.slice(0, max).sort((a, b) => a - b);
}

export interface Layout {
  /** [count, 2] row-major. */
  coords: Float32Array;
  /** PCA: the share of the total variance along each axis. */
  explainedVariance?: [number, number];
}

const POWER_ITERATIONS = 200;

/**
 * The top two principal axes by power iteration with deflation: v <- X^T (X v) over centred rows, O(count x dims)
 * per step. Each axis's sign is fixed (its largest component positive) so the picture never flips between runs.
 * rows: [count, dims]; extra rows (the query) are projected onto the axes, not fitted.
 */
export function pcaLayout(rows: Float32Array, count: number, dims: number, extra: Float32Array = new Float32Array(0)): Layout {
  const mean = new Float64Array(dims);
  for (let r = 0; r < count; r++) for (let d = 0; d < dims; d++) mean[d] += rows[r * dims + d] / count;
  const centred = Float64Array.from(rows.subarray(0, count * dims), (x, i) => x - mean[i % dims]);
  let total = 0;
  for (const x of centred) total += x * x;
  const axes: Float64Array[] = [];
  const variances: number[] = [];
  const random = mulberry32(7);
  for (let k = 0; k < 2; k++) {
    let v = Float64Array.from({ length: dims }, () => random() - 0.5);
    let lambda = 0;
    for (let step = 0; step < POWER_ITERATIONS; step++) {
      const next = covarianceTimes(centred, count, dims, v);
      for (const axis of axes) subtractProjection(next, axis); // deflation: stay orthogonal to earlier axes
      lambda = Math.hypot(...next);
      if (lambda === 0) break;
      v = next.map((x) => x / lambda);
    }
    const biggest = v.reduce((best, x, i) => (Math.abs(x) > Math.abs(v[best]) ? i : best), 0);
    if (v[biggest] < 0) v = v.map((x) => -x);
    axes.push(v);
    variances.push(lambda);
  }
  const all = count + extra.length / dims;
  const coords = new Float32Array(all * 2);
  for (let r = 0; r < all; r++) {
    const source = r < count ? rows : extra;
    const from = (r < count ? r : r - count) * dims;
    for (let k = 0; k < 2; k++) {
      let sum = 0;
      for (let d = 0; d < dims; d++) sum += (source[from + d] - mean[d]) * axes[k][d];
      coords[r * 2 + k] = sum;
    }
  }
  const share = (lambda: number) => (total > 0 ? lambda / total : 0);
  return { coords, explainedVariance: [share(variances[0]), share(variances[1])] };
}

/** X^T (X v) for centred rows X [count, dims]. */
function covarianceTimes(centred: Float64Array, count: number, dims: number, v: Float64Array): Float64Array {
  const out = new Float64Array(dims);
  for (let r = 0; r < count; r++) {
    let projection = 0;
    for (let d = 0; d < dims; d++) projection += centred[r * dims + d] * v[d];
    for (let d = 0; d < dims; d++) out[d] += projection * centred[r * dims + d];
  }
  return out;
}

function subtractProjection(vector: Float64Array, unitAxis: Float64Array): void {
  let along = 0;
  for (let d = 0; d < vector.length; d++) along += vector[d] * unitAxis[d];
  for (let d = 0; d < vector.length; d++) vector[d] -= along * unitAxis[d];
}

/** UMAP needs a few neighbours to build its graph. */
export const MIN_UMAP_POINTS = 5;

/**
 * UMAP of rows [count, dims] with a fixed seed; extra rows (the query) are laid out with the rest, so they sit
 * among their neighbours. Euclidean distance on unit vectors orders pairs as cosine does.
 */
export function umapLayout(rows: Float32Array, count: number, dims: number, seed: number, extra: Float32Array = new Float32Array(0)): Layout {
  const all = count + extra.length / dims;
  const data = Array.from({ length: all }, (_, r) => Array.from(r < count ? rows.subarray(r * dims, (r + 1) * dims) : extra.subarray((r - count) * dims, (r - count + 1) * dims)));
  const umap = new UMAP({ nComponents: 2, nNeighbors: Math.min(15, all - 1), minDist: 0.1, random: mulberry32(seed) });
  const embedding = umap.fit(data);
  return { coords: Float32Array.from(embedding.flat()) };
}
