/**
 * Matryoshka cuts: the first `dims` coordinates of each row, L2-normalized again. A model trained with
 * Matryoshka representation learning (Qwen3-Embedding, OpenAI's text-embedding-3 `dimensions`) packs the most
 * information into the leading coordinates, so a cut keeps most of its quality; any other model can be cut too,
 * and loses more (docs/layers.md measures how much). Pure.
 */
import { l2NormalizeRows } from "./normalize";

/**
 * rows: [count, fromDims] row-major. Returns [count, dims], each row unit length (an all-zero row stays zero).
 * A cut to the full width only renormalizes. Throws a RangeError naming the sizes when `dims` is out of range.
 */
export function matryoshkaCut(rows: Float32Array, fromDims: number, dims: number): Float32Array {
  if (!Number.isInteger(dims) || dims < 1 || dims > fromDims) {
    throw new RangeError(`expected a cut to an integer from 1 to ${fromDims} dimensions, got ${dims}`);
  }
  if (rows.length % fromDims !== 0) throw new RangeError(`expected rows of ${fromDims} values, got ${rows.length} values`);
  const count = rows.length / fromDims;
  const out = new Float32Array(count * dims); // [count, dims]
  for (let row = 0; row < count; row++) out.set(rows.subarray(row * fromDims, row * fromDims + dims), row * dims);
  return l2NormalizeRows(out, dims);
}
