/** Deterministic test data: a failure reproduces run after run. */
import { l2NormalizeRows } from "../lib/pooling/normalize";
import { mulberry32 } from "../lib/seeded-random";

/** Pseudo-random numbers in [-0.5, 0.5): the app's own mulberry32, centred. */
export function seededRandom(seed: number): () => number {
  const next = mulberry32(seed);
  return () => next() - 0.5;
}

/** count L2-normalized rows of dims random numbers: [count, dims]. */
export function normalizedRows(count: number, dims: number, seed: number): Float32Array {
  const next = seededRandom(seed);
  return l2NormalizeRows(Float32Array.from({ length: count * dims }, next), dims);
}
