/**
 * Corrections of a set of sentence vectors, fitted on a corpus and applied to every vector of the same pooling:
 *   whitening (Su et al. 2021, BERT-whitening): y = (x - mu) U diag(1/sqrt(lambda)), optionally cut to the k
 *     leading components, so the corpus has zero mean and identity covariance;
 *   all-but-the-top (Mu & Viswanath 2018): y = (x - mu) (I - U_D U_D^T), the mean and the D top principal
 *     directions removed.
 * Both are affine maps y = (x - mu) M, which is why a mean pooling's token attributions stay exact under them
 * (the map of an average is the average of the maps). The eigendecomposition is ml-matrix's (symmetric: JAMA's
 * tred2/tql2). Pure.
 */
import { EigenvalueDecomposition, Matrix } from "ml-matrix";

import type { Correction } from "./correction-names";

export { CORRECTIONS, CORRECTION_LABELS, isCorrection, type Correction } from "./correction-names";

/** The mean and principal directions of a corpus: what both corrections are built from. */
export interface Spectrum {
  dims: number;
  /** Rows it was fitted on. */
  count: number;
  mean: Float64Array;
  /** Eigenvalues of the covariance (divided by count - 1, as numpy's cov), largest first. */
  values: Float64Array;
  /** The matching unit eigenvectors as columns: [dims, dims] row-major, column j for values[j]. */
  vectors: Float64Array;
}

/** y = (x - mean) matrix: [inDims] -> [outDims]. matrix: [inDims, outDims] row-major. */
export interface AffineMap {
  inDims: number;
  outDims: number;
  mean: Float64Array;
  matrix: Float64Array;
}

// Components whose variance is below this share of the largest carry rounding noise only (a corpus smaller than
// the dimension has at most count - 1 real ones); whitening would blow that noise up, so it drops them.
const RANK_TOLERANCE = 1e-9;

/** rows: [count, dims] row-major, count >= 2. */
export function fitSpectrum(rows: Float32Array, dims: number): Spectrum {
  const count = rows.length / dims;
  if (!Number.isInteger(count) || count < 2) throw new RangeError(`expected at least 2 vectors of ${dims} values to fit a correction on, got ${rows.length / dims}`);
  const mean = new Float64Array(dims);
  for (let r = 0; r < count; r++) for (let d = 0; d < dims; d++) mean[d] += rows[r * dims + d];
  for (let d = 0; d < dims; d++) mean[d] /= count;
  const cov = new Float64Array(dims * dims); // upper triangle first, mirrored after
  const centered = new Float64Array(dims);
  for (let r = 0; r < count; r++) {
    for (let d = 0; d < dims; d++) centered[d] = rows[r * dims + d] - mean[d];
    for (let i = 0; i < dims; i++) {
      const ci = centered[i];
      const base = i * dims;
      for (let j = i; j < dims; j++) cov[base + j] += ci * centered[j];
    }
  }
  const matrix = new Matrix(dims, dims);
  for (let i = 0; i < dims; i++) {
    for (let j = i; j < dims; j++) {
      const value = cov[i * dims + j] / (count - 1);
      matrix.set(i, j, value);
      matrix.set(j, i, value);
    }
  }
  const eigen = new EigenvalueDecomposition(matrix, { assumeSymmetric: true });
  const raw = eigen.realEigenvalues;
  const order = raw.map((_, i) => i).sort((a, b) => raw[b] - raw[a]);
  const vectorsIn = eigen.eigenvectorMatrix;
  const values = Float64Array.from(order, (i) => Math.max(raw[i], 0));
  const vectors = new Float64Array(dims * dims);
  order.forEach((from, to) => {
    for (let d = 0; d < dims; d++) vectors[d * dims + to] = vectorsIn.get(d, from);
  });
  return { dims, count, mean, values, vectors };
}

/** The components a corpus really has: eigenvalues above RANK_TOLERANCE of the largest. */
export function rankOf(spectrum: Spectrum): number {
  const top = spectrum.values[0] ?? 0;
  return spectrum.values.filter((v) => v > top * RANK_TOLERANCE && v > 0).length;
}

/**
 * Whitening, cut to `keep` components (@default all the corpus has, at most dims): W = U_k diag(1/sqrt(lambda_k)).
 * A corpus of fewer vectors than dims has fewer components: the cut is then its rank.
 */
export function whiteningMap(spectrum: Spectrum, keep = spectrum.dims): AffineMap {
  const { dims, values, vectors, mean } = spectrum;
  if (!Number.isInteger(keep) || keep < 1 || keep > dims) throw new RangeError(`expected whitening to keep an integer from 1 to ${dims} dimensions, got ${keep}`);
  const outDims = Math.min(keep, rankOf(spectrum));
  if (outDims < 1) throw new RangeError("expected a corpus whose vectors are not all equal, to fit whitening on");
  const matrix = new Float64Array(dims * outDims);
  for (let j = 0; j < outDims; j++) {
    const scale = 1 / Math.sqrt(values[j]);
    for (let d = 0; d < dims; d++) matrix[d * outDims + j] = vectors[d * dims + j] * scale;
  }
  return { inDims: dims, outDims, mean, matrix };
}

/** The top-D count Mu & Viswanath suggest: about dims / 100 (3 for 300-d word vectors), at least 1. */
export function defaultRemovedDirections(dims: number): number {
  return Math.max(1, Math.round(dims / 100));
}

/** All-but-the-top: I - U_D U_D^T after removing the mean; D @default defaultRemovedDirections(dims). */
export function allButTheTopMap(spectrum: Spectrum, remove = defaultRemovedDirections(spectrum.dims)): AffineMap {
  const { dims, vectors, mean } = spectrum;
  if (!Number.isInteger(remove) || remove < 0 || remove >= dims) throw new RangeError(`expected to remove an integer from 0 to ${dims - 1} top directions, got ${remove}`);
  const matrix = new Float64Array(dims * dims);
  for (let i = 0; i < dims; i++) {
    matrix[i * dims + i] = 1;
    for (let j = 0; j < dims; j++) {
      let projection = 0;
      for (let t = 0; t < remove; t++) projection += vectors[i * dims + t] * vectors[j * dims + t];
      matrix[i * dims + j] -= projection;
    }
  }
  return { inDims: dims, outDims: dims, mean, matrix };
}

/** y = (x - mean) M for each row: [count, inDims] -> [count, outDims], not normalized. */
export function applyMap(map: AffineMap, rows: Float32Array): Float32Array {
  const { inDims, outDims, mean, matrix } = map;
  const count = rows.length / inDims;
  const out = new Float32Array(count * outDims);
  const centered = new Float64Array(inDims);
  const acc = new Float64Array(outDims);
  for (let r = 0; r < count; r++) {
    for (let d = 0; d < inDims; d++) centered[d] = rows[r * inDims + d] - mean[d];
    acc.fill(0);
    for (let d = 0; d < inDims; d++) {
      const c = centered[d];
      if (c === 0) continue;
      const base = d * outDims;
      for (let j = 0; j < outDims; j++) acc[j] += c * matrix[base + j];
    }
    for (let j = 0; j < outDims; j++) out[r * outDims + j] = acc[j];
  }
  return out;
}

export interface CorrectionOptions {
  /** Whitening: keep this many leading components. @default all */
  whiteningDims?: number;
  /** All-but-the-top: remove this many top directions. @default about dims / 100 */
  removeTop?: number;
}

/** The map of a correction fitted on a corpus' spectrum; undefined for "none". */
export function correctionMap(correction: Correction, spectrum: Spectrum, options: CorrectionOptions = {}): AffineMap | undefined {
  if (correction === "whitening") return whiteningMap(spectrum, options.whiteningDims);
  if (correction === "all_but_the_top") return allButTheTopMap(spectrum, options.removeTop);
  return undefined;
}
