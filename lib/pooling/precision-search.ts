/**
 * Top-k search of unit vectors at a precision, by brute force (the oracle every faster index is checked against):
 *   float32: cosine;
 *   int8: the cosine of the int8 codes (ranges fitted on the documents, the query coded with the same ranges);
 *   binary: Hamming similarity of the sign bits, then, as sentence-transformers' rescoring does, the
 *     `rescore` x k best candidates scored again in float32 and the best k of those kept (rescore 0: Hamming only).
 * Pure.
 */
import { fitInt8Ranges, hamming, hammingSimilarity, int8Cosine, packSignBits, quantizeInt8, type Int8Ranges, type Precision } from "./precision";

export interface ScoredIndex {
  index: number;
  score: number;
}

export interface PrecisionSearchOptions {
  /** Binary: how many candidates per wanted result are rescored in float32; 0 keeps the Hamming scores. @default 4 */
  rescore?: number;
  /** Int8: ranges fitted elsewhere. @default fitted on the documents */
  ranges?: Int8Ranges;
}

/** Documents at a precision, built once and searched by many queries. docs: [count, dims] unit rows. */
export interface PrecisionIndex {
  precision: Precision;
  dims: number;
  count: number;
  search(query: Float32Array, k: number): ScoredIndex[];
}

export const DEFAULT_RESCORE = 4;

const byScore = (a: ScoredIndex, b: ScoredIndex) => b.score - a.score || a.index - b.index;

function topK(count: number, score: (i: number) => number, k: number): ScoredIndex[] {
  const all = Array.from({ length: count }, (_, index) => ({ index, score: score(index) }));
  return all.sort(byScore).slice(0, k);
}

function floatDot(docs: Float32Array, i: number, query: Float32Array, dims: number): number {
  let sum = 0;
  for (let d = 0; d < dims; d++) sum += docs[i * dims + d] * query[d];
  return sum;
}

export function precisionIndex(docs: Float32Array, dims: number, precision: Precision, options: PrecisionSearchOptions = {}): PrecisionIndex {
  const count = docs.length / dims;
  if (!Number.isInteger(count)) throw new RangeError(`expected rows of ${dims} values, got ${docs.length} values`);
  const base = { precision, dims, count };
  if (precision === "float32") return { ...base, search: (query, k) => topK(count, (i) => floatDot(docs, i, query, dims), k) };
  if (precision === "int8") {
    const ranges = options.ranges ?? fitInt8Ranges(docs, dims);
    const codes = quantizeInt8(docs, dims, ranges);
    return {
      ...base,
      search: (query, k) => {
        const q = quantizeInt8(query, dims, ranges);
        return topK(count, (i) => int8Cosine(codes, i, q, 0, dims), k);
      },
    };
  }
  const bits = packSignBits(docs, dims);
  const bytes = Math.ceil(dims / 8);
  const rescore = options.rescore ?? DEFAULT_RESCORE;
  return {
    ...base,
    search: (query, k) => {
      const q = packSignBits(query, dims);
      const candidates = topK(count, (i) => hammingSimilarity(hamming(bits, i, q, 0, bytes), dims), rescore > 0 ? k * rescore : k);
      if (rescore === 0) return candidates;
      return candidates.map(({ index }) => ({ index, score: floatDot(docs, index, query, dims) })).sort(byScore).slice(0, k);
    },
  };
}
