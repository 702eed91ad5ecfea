/**
 * How much a cheaper way of keeping a knowledge base's vectors changes a search, measured on the user's own
 * knowledge base and queries: per query, the share of float32's top k that it also finds and the error of the
 * scores it shows for them, and the memory it needs. Ways: int8, binary by Hamming alone, binary with float32
 * rescoring of the top candidates, and Matryoshka cuts (first d dimensions, renormalized). Pure.
 */
import { matryoshkaCut } from "../pooling/matryoshka";
import { bytesPerVector } from "../pooling/precision";
import { DEFAULT_RESCORE, precisionIndex, type PrecisionIndex, type ScoredIndex } from "../pooling/precision-search";

export interface PrecisionWay {
  /** "float32", "int8", "binary", "binary_rescore", or "matryoshka_<d>". */
  way: string;
  dims: number;
  /** Bytes of one vector in the index (binary rescoring also reads the float32 vectors of its candidates). */
  bytesPerVector: number;
  /** Bytes of the whole knowledge base's index. */
  totalBytes: number;
  /** Per query: |top k of this way ∩ top k of float32| / k. */
  overlap: number[];
  /** Per query: the mean |score shown - float32 score| over the entries this way ranks in its top k. */
  scoreError: number[];
}

export interface PrecisionComparison {
  count: number;
  dims: number;
  k: number;
  ways: PrecisionWay[];
}

/** Cuts to compare: halves of the width down to 32 (384 -> 192, 96, 48). */
export function matryoshkaCuts(dims: number): number[] {
  const cuts: number[] = [];
  for (let d = Math.floor(dims / 2); d >= 32; d = Math.floor(d / 2)) cuts.push(d);
  return cuts;
}

function floatScore(docs: Float32Array, i: number, query: Float32Array, dims: number): number {
  let sum = 0;
  for (let d = 0; d < dims; d++) sum += docs[i * dims + d] * query[d];
  return sum;
}

/** docs: [count, dims] and queries: [q, dims], unit rows (corrected already, when a correction is chosen). */
export function comparePrecisions(docs: Float32Array, queries: Float32Array, dims: number, k: number): PrecisionComparison {
  const count = docs.length / dims;
  const queryCount = queries.length / dims;
  const kept = Math.min(k, count);
  const queryAt = (q: number) => queries.subarray(q * dims, (q + 1) * dims);
  const reference = Array.from({ length: queryCount }, (_, q) => precisionIndex(docs, dims, "float32").search(queryAt(q), kept));

  const measure = (way: string, wayDims: number, index: PrecisionIndex, queryOf: (q: number) => Float32Array, bytes: number): PrecisionWay => {
    const overlap: number[] = [];
    const scoreError: number[] = [];
    for (let q = 0; q < queryCount; q++) {
      const found: ScoredIndex[] = index.search(queryOf(q), kept);
      const truth = new Set(reference[q].map((hit) => hit.index));
      overlap.push(found.filter((hit) => truth.has(hit.index)).length / Math.max(kept, 1));
      const errors = found.map((hit) => Math.abs(hit.score - floatScore(docs, hit.index, queryAt(q), dims)));
      scoreError.push(errors.length ? errors.reduce((a, b) => a + b, 0) / errors.length : 0);
    }
    return { way, dims: wayDims, bytesPerVector: bytes, totalBytes: bytes * count, overlap, scoreError };
  };

  const ways: PrecisionWay[] = [
    measure("float32", dims, precisionIndex(docs, dims, "float32"), queryAt, bytesPerVector("float32", dims)),
    measure("int8", dims, precisionIndex(docs, dims, "int8"), queryAt, bytesPerVector("int8", dims)),
    measure("binary", dims, precisionIndex(docs, dims, "binary", { rescore: 0 }), queryAt, bytesPerVector("binary", dims)),
    measure(`binary_rescore`, dims, precisionIndex(docs, dims, "binary", { rescore: DEFAULT_RESCORE }), queryAt, bytesPerVector("binary", dims)),
  ];
  for (const cut of matryoshkaCuts(dims)) {
    const cutDocs = matryoshkaCut(docs, dims, cut);
    const cutQueries = matryoshkaCut(queries, dims, cut);
    ways.push(measure(`matryoshka_${cut}`, cut, precisionIndex(cutDocs, cut, "float32"), (q) => cutQueries.subarray(q * cut, (q + 1) * cut), bytesPerVector("float32", cut)));
  }
  return { count, dims, k: kept, ways };
}

export const mean = (values: readonly number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);
