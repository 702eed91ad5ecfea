/**
 * Which Matryoshka cuts to offer or measure for a vector of `full` dimensions: powers of two from `min` (the
 * sizes MRL training uses: 32, 64, 128, ...) below `full`, then `full` itself. Pure.
 */

/** The cuts a model is commonly read at when it lists none: 32, 64, 128, ... below the full size. */
export const DEFAULT_MIN_CUT = 32;

/** Ascending, distinct, each from `min` to `full`, ending at `full`; [full] when `min` >= `full`. */
export function cutSizes(full: number, min: number = DEFAULT_MIN_CUT, listed: readonly number[] = []): number[] {
  const sizes = new Set<number>([full]);
  if (listed.length) {
    for (const size of listed) if (Number.isInteger(size) && size >= min && size < full) sizes.add(size);
  } else {
    for (let size = 2 ** Math.ceil(Math.log2(Math.max(min, 1))); size < full; size *= 2) sizes.add(size);
  }
  return [...sizes].sort((a, b) => a - b);
}
