/** Matryoshka truncation: keep each row's first `keep` components and L2-normalize again. Pure. */
import { l2NormalizeRows } from "../pooling/normalize";

/** rows: [count, dims] -> [count, keep], a new array (the input is returned as is when nothing is cut). */
export function truncateDimensions(rows: Float32Array, dims: number, keep: number): Float32Array {
  if (!(Number.isInteger(keep) && keep >= 1 && keep <= dims)) {
    throw new RangeError(`Expected keep to be an integer from 1 to ${dims}, got ${keep} (${typeof keep})`);
  }
  if (keep === dims) return rows;
  const count = rows.length / dims;
  const out = new Float32Array(count * keep);
  for (let r = 0; r < count; r++) out.set(rows.subarray(r * dims, r * dims + keep), r * keep);
  return l2NormalizeRows(out, keep);
}
