/** Deterministic test data: a failure reproduces run after run. */
import { l2NormalizeRows } from "../pooling/normalize";

/** Pseudo-random numbers in [-0.5, 0.5) (mulberry32). */
export function seededRandom(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
}

/** count L2-normalized rows of dims random numbers: [count, dims]. */
export function normalizedRows(count: number, dims: number, seed: number): Float32Array {
  const next = seededRandom(seed);
  return l2NormalizeRows(Float32Array.from({ length: count * dims }, next), dims);
}
