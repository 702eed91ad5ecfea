/** Matryoshka truncation, and the raw (unnormalized) vectors TEI's normalize: false asks for. Pure. */
import { matryoshkaCut } from "../pooling/matryoshka";

function checkKeep(dims: number, keep: number): void {
  if (!(Number.isInteger(keep) && keep >= 1 && keep <= dims)) {
    throw new RangeError(`Expected keep to be an integer from 1 to ${dims}, got ${keep} (${typeof keep})`);
  }
}

/** rows: [count, dims] -> [count, keep], each row's first `keep` components as they are (a new array unless keep = dims). */
export function keepDimensions(rows: Float32Array, dims: number, keep: number): Float32Array {
  checkKeep(dims, keep);
  if (keep === dims) return rows;
  const count = rows.length / dims;
  const out = new Float32Array(count * keep);
  for (let r = 0; r < count; r++) out.set(rows.subarray(r * dims, r * dims + keep), r * keep);
  return out;
}

/** rows: [count, dims] -> [count, keep], L2-normalized again (the input is returned as is when nothing is cut). */
export function truncateDimensions(rows: Float32Array, dims: number, keep: number): Float32Array {
  checkKeep(dims, keep);
  return keep === dims ? rows : matryoshkaCut(rows, dims, keep);
}

/** Unit rows times their norms: the pooled vectors before normalization. rows: [count, dims], norms: [count]. */
export function scaleRows(rows: Float32Array, norms: Float32Array, dims: number): Float32Array {
  const out = new Float32Array(rows.length);
  for (let r = 0; r < norms.length; r++) for (let d = r * dims; d < (r + 1) * dims; d++) out[d] = rows[d] * norms[r];
  return out;
}
