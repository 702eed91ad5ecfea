/**
 * What the layer sweep measures on one set of vectors (one layer, one pooling), as pure functions over unit
 * rows [count, dims]: STS Spearman under a correction or a precision, and anisotropy. Pure.
 */
import { applyMap, correctionMap, fitSpectrum, rankOf, type Correction, type CorrectionOptions, type Spectrum } from "../pooling/corrections";
import { l2NormalizeRows } from "../pooling/normalize";
import { fitInt8Ranges, hamming, hammingSimilarity, int8Cosine, packSignBits, quantizeInt8, type Precision } from "../pooling/precision";
import { mulberry32 } from "../seeded-random";
import { spearman } from "../eval/spearman";

/** Pairs of row indices with a gold score. */
export interface IndexedPairs {
  a: Int32Array;
  b: Int32Array;
  gold: number[];
}

function dotRows(rows: Float32Array, a: number, b: number, dims: number): number {
  let sum = 0;
  for (let d = 0; d < dims; d++) sum += rows[a * dims + d] * rows[b * dims + d];
  return sum;
}

/** Spearman x100 of the pairs' cosines (rows are unit vectors) against gold. */
export function pairSpearman(rows: Float32Array, dims: number, pairs: IndexedPairs): number {
  const cosines = Array.from(pairs.a, (a, i) => dotRows(rows, a, pairs.b[i], dims));
  return 100 * spearman(cosines, pairs.gold);
}

/** The rows corrected (fitted on these same rows: BERT-whitening's "the sentences being scored") and renormalized. */
export function correctedRows(rows: Float32Array, dims: number, correction: Correction, options: CorrectionOptions = {}, spectrum?: Spectrum): { rows: Float32Array; dims: number } {
  const fitted = spectrum ?? fitSpectrum(rows, dims);
  // Every vector the same (layer 0's [CLS]: one token embedding for every sentence): nothing to correct, and
  // every cosine ties, whatever the correction.
  if (correction !== "none" && rankOf(fitted) === 0) return { rows, dims };
  const map = correctionMap(correction, fitted, options);
  if (!map) return { rows, dims };
  return { rows: l2NormalizeRows(applyMap(map, rows), map.outDims), dims: map.outDims };
}

/** Spearman x100 at a precision: int8 codes (ranges fitted on these rows) by cosine, binary by Hamming. */
export function precisionSpearman(rows: Float32Array, dims: number, pairs: IndexedPairs, precision: Precision): number {
  if (precision === "float32") return pairSpearman(rows, dims, pairs);
  let score: (a: number, b: number) => number;
  if (precision === "int8") {
    const codes = quantizeInt8(rows, dims, fitInt8Ranges(rows, dims));
    score = (a, b) => int8Cosine(codes, a, codes, b, dims);
  } else {
    const bits = packSignBits(rows, dims);
    const bytes = Math.ceil(dims / 8);
    score = (a, b) => hammingSimilarity(hamming(bits, a, bits, b, bytes), dims);
  }
  return 100 * spearman(Array.from(pairs.a, (a, i) => score(a, pairs.b[i])), pairs.gold);
}

/** Random pairs of distinct rows (seeded: the same every run): what anisotropy averages over. */
export function randomPairs(count: number, pairs: number, seed = 2019): Array<[number, number]> {
  const random = mulberry32(seed);
  const out: Array<[number, number]> = [];
  if (count < 2) return out;
  while (out.length < pairs) {
    const a = Math.floor(random() * count);
    const b = Math.floor(random() * count);
    if (a !== b) out.push([a, b]);
  }
  return out;
}

/** Ethayarajh's anisotropy baseline: the mean cosine of random pairs of unrelated sentences. */
export function anisotropy(rows: Float32Array, dims: number, pairs: ReadonlyArray<readonly [number, number]>): number {
  if (pairs.length === 0) return 0;
  return pairs.reduce((sum, [a, b]) => sum + dotRows(rows, a, b, dims), 0) / pairs.length;
}
