// Guards the division for an all-zero row (an empty mask pooled to zeros stays zeros, never NaN).
const MIN_NORM = 1e-12;

/** The L2 length of each row of a [rows, dim] matrix: [rows]. */
export function rowNorms(matrix: Float32Array, dim: number): Float32Array {
  const norms = new Float32Array(matrix.length / dim);
  for (let row = 0; row < norms.length; row++) {
    let sum = 0;
    for (let d = row * dim; d < (row + 1) * dim; d++) sum += matrix[d] * matrix[d];
    norms[row] = Math.sqrt(sum);
  }
  return norms;
}

/** L2-normalizes each row of a [rows, dim] matrix in place and returns it. */
export function l2NormalizeRows(matrix: Float32Array, dim: number): Float32Array {
  for (let from = 0; from < matrix.length; from += dim) {
    let sum = 0;
    for (let d = 0; d < dim; d++) sum += matrix[from + d] * matrix[from + d];
    const scale = 1 / Math.max(Math.sqrt(sum), MIN_NORM);
    for (let d = 0; d < dim; d++) matrix[from + d] *= scale;
  }
  return matrix;
}

/** Cosine similarity of two vectors of equal length (no normalization assumed). */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / Math.max(Math.sqrt(na) * Math.sqrt(nb), MIN_NORM);
}
