/**
 * Vector precision and size, with sentence-transformers' `quantize_embeddings` as the reference for what int8 and
 * binary mean:
 *   int8: per dimension, the range [min, max] of a calibration corpus cut into 256 steps,
 *     code = (x - min) / step - 128 (numpy's astype truncates toward zero; a value outside the calibration range
 *     is clamped here where numpy would wrap around);
 *   binary: one sign bit a dimension (x > 0), packed 8 to a byte, first dimension in the high bit (np.packbits);
 *     compared by Hamming distance, similarity 1 - 2 h / dims (the cosine of the +-1 vectors).
 * Scores: int8 codes by their cosine (what a search over the int8 vectors computes), binary by Hamming. Pure.
 */
export const PRECISIONS = ["float32", "int8", "binary"] as const;
export type Precision = (typeof PRECISIONS)[number];

export function isPrecision(value: unknown): value is Precision {
  return typeof value === "string" && (PRECISIONS as readonly string[]).includes(value);
}

/** Bytes one vector of `dims` takes at each precision (int8's ranges, 2 x dims floats, are shared by all). */
export function bytesPerVector(precision: Precision, dims: number): number {
  if (precision === "int8") return dims;
  if (precision === "binary") return Math.ceil(dims / 8);
  return 4 * dims;
}

/** Per dimension, where the 256 int8 steps start and how wide each is. */
export interface Int8Ranges {
  starts: Float32Array;
  steps: Float32Array;
}

/** rows: [count, dims]. The min and max of each dimension over the calibration rows. */
export function fitInt8Ranges(rows: Float32Array, dims: number): Int8Ranges {
  const starts = new Float32Array(dims).fill(Infinity);
  const ends = new Float32Array(dims).fill(-Infinity);
  for (let i = 0; i < rows.length; i++) {
    const d = i % dims;
    if (rows[i] < starts[d]) starts[d] = rows[i];
    if (rows[i] > ends[d]) ends[d] = rows[i];
  }
  if (rows.length < dims) throw new RangeError(`expected at least one calibration vector of ${dims} values, got ${rows.length} values`);
  const steps = Float32Array.from(starts, (start, d) => (ends[d] - start) / 255);
  return { starts, steps };
}

/** [count, dims] floats -> [count, dims] int8 codes from -128 to 127. */
export function quantizeInt8(rows: Float32Array, dims: number, ranges: Int8Ranges): Int8Array {
  const out = new Int8Array(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const d = i % dims;
    const step = ranges.steps[d];
    // NOTE: each operation rounded to float32 as numpy computes it on float32 arrays, so the codes are numpy's
    // (the maximum often lands a hair under 255 steps and truncates to 126 there too). A constant dimension
    // (step 0) carries nothing: -128.
    const steps = Math.fround(Math.fround(rows[i] - ranges.starts[d]) / step);
    const code = step > 0 ? Math.trunc(Math.fround(steps - 128)) : -128;
    out[i] = Math.max(-128, Math.min(127, code));
  }
  return out;
}

/** [count, dims] floats -> [count, ceil(dims / 8)] bytes of sign bits (x > 0), first dimension in the high bit. */
export function packSignBits(rows: Float32Array, dims: number): Uint8Array {
  const bytes = Math.ceil(dims / 8);
  const count = rows.length / dims;
  const out = new Uint8Array(count * bytes);
  for (let r = 0; r < count; r++) {
    for (let d = 0; d < dims; d++) if (rows[r * dims + d] > 0) out[r * bytes + (d >> 3)] |= 0x80 >> (d & 7);
  }
  return out;
}

const POPCOUNT = Uint8Array.from({ length: 256 }, (_, b) => {
  let n = 0;
  for (let v = b; v; v >>= 1) n += v & 1;
  return n;
});

/** Differing bits between row a of `left` and row b of `right` (both packed, `bytes` a row). */
export function hamming(left: Uint8Array, a: number, right: Uint8Array, b: number, bytes: number): number {
  let distance = 0;
  for (let i = 0; i < bytes; i++) distance += POPCOUNT[left[a * bytes + i] ^ right[b * bytes + i]];
  return distance;
}

/** 1 - 2 h / dims: the cosine of the two +-1 sign vectors. */
export function hammingSimilarity(distance: number, dims: number): number {
  return 1 - (2 * distance) / dims;
}

/** Cosine of row a of `left` and row b of `right`, int8 codes [*, dims]. */
export function int8Cosine(left: Int8Array, a: number, right: Int8Array, b: number, dims: number): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let d = 0; d < dims; d++) {
    const x = left[a * dims + d];
    const y = right[b * dims + d];
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}
