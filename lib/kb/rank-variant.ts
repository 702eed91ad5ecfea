/**
 * Ranking under a correction and a precision, for searches off the defaults: per pooling, the correction is
 * fitted on the knowledge base's own vectors (BERT-whitening's "the sentences being searched") and applied to
 * them and to the query, then every entry is scored at the precision by brute force (such a search is bounded to
 * MAX_VARIANT_ENTRIES). Binary rescoring shows float32 scores for its rescored candidates; the histogram shows
 * the scores at the precision (Hamming similarities for binary). Pure.
 */
import { AppError } from "../errors";
import { applyMap, correctionMap, fitSpectrum, rankOf, type AffineMap, type Correction } from "../pooling/corrections";
import { l2NormalizeRows } from "../pooling/normalize";
import { bytesPerVector, type Precision } from "../pooling/precision";
import { precisionIndex, type ScoredIndex } from "../pooling/precision-search";
import type { Pooling } from "../pooling/strategies";
import { histogram } from "./histogram";
import type { HistogramBin, PrecisionCheck, SearchHit } from "./types";

/** A search off the defaults re-embeds and scores every entry per search: this many entries at most. */
export const MAX_VARIANT_ENTRIES = 5_000;

export interface VariantRanking {
  hits: Partial<Record<Pooling, Omit<SearchHit, "text">[]>>;
  histograms: Partial<Record<Pooling, HistogramBin[]>>;
  precisionCheck?: Partial<Record<Pooling, PrecisionCheck>>;
}

/** rows and query L2-normalized, [count, dims] and [dims]; the corrected, renormalized pair. */
/** The correction's map fitted on the rows; undefined for none, or when every row is the same vector. */
export function fittedMap(rows: Float32Array, dims: number, correction: Correction, whiteningDims?: number): AffineMap | undefined {
  if (correction === "none") return undefined;
  const count = rows.length / dims;
  if (count < 2) throw new AppError("invalid_input", `A correction is fitted on the knowledge base's own vectors: it needs at least 2 entries, got ${count}.`);
  const spectrum = fitSpectrum(rows, dims);
  // Every entry the same vector (layer 0's [CLS] is one token's embedding for every text): nothing to fit.
  if (rankOf(spectrum) === 0) return undefined;
  if (whiteningDims !== undefined && whiteningDims > dims) throw new AppError("invalid_input", `whiteningDims: expected at most the model's ${dims} dimensions, got ${whiteningDims}.`);
  return correctionMap(correction, spectrum, { whiteningDims });
}

export function correctPair(rows: Float32Array, query: Float32Array, dims: number, correction: Correction, whiteningDims?: number): { rows: Float32Array; query: Float32Array; dims: number } {
  const map = fittedMap(rows, dims, correction, whiteningDims);
  if (!map) return { rows, query, dims };
  return { rows: l2NormalizeRows(applyMap(map, rows), map.outDims), query: l2NormalizeRows(applyMap(map, query), map.outDims), dims: map.outDims };
}

export function rankVariant(
  rows: Partial<Record<Pooling, Float32Array>>,
  queries: Partial<Record<Pooling, Float32Array>>,
  dims: number,
  options: { poolings: readonly Pooling[]; topK: number; checkK?: number; correction: Correction; precision: Precision; whiteningDims?: number },
): VariantRanking {
  const orders: Partial<Record<Pooling, ScoredIndex[]>> = {};
  const result: VariantRanking = { hits: {}, histograms: {} };
  for (const pooling of options.poolings) {
    const pair = correctPair(rows[pooling]!, queries[pooling]!, dims, options.correction, options.whiteningDims);
    const count = pair.rows.length / pair.dims;
    const index = precisionIndex(pair.rows, pair.dims, options.precision);
    // The whole order: a binary index rescores its top 4k and ranks the rest by Hamming below them.
    const order = index.search(pair.query, count);
    orders[pooling] = order;
    const raw = options.precision === "binary" ? precisionIndex(pair.rows, pair.dims, "binary", { rescore: 0 }).search(pair.query, count) : order;
    result.histograms[pooling] = histogram(Float32Array.from(raw, (hit) => hit.score));
    if (options.precision !== "float32") {
      (result.precisionCheck ??= {})[pooling] = checkAgainstFloat(pair.rows, pair.query, pair.dims, order.slice(0, options.checkK ?? options.topK), options.precision);
    }
  }
  const rankOf = Object.fromEntries(Object.entries(orders).map(([p, order]) => [p, rankMap(order!)])) as Partial<Record<Pooling, Int32Array>>;
  for (const pooling of options.poolings) {
    result.hits[pooling] = orders[pooling]!.slice(0, options.topK).map((hit, i) => ({
      index: hit.index,
      score: hit.score,
      rank: i + 1,
      ranks: Object.fromEntries(options.poolings.map((p) => [p, rankOf[p]![hit.index]])),
    }));
  }
  return result;
}

/** ranks[entry] = 1-based place in the order. */
function rankMap(order: readonly ScoredIndex[]): Int32Array {
  const ranks = new Int32Array(order.length);
  order.forEach((hit, i) => (ranks[hit.index] = i + 1));
  return ranks;
}

function checkAgainstFloat(rows: Float32Array, query: Float32Array, dims: number, shown: readonly ScoredIndex[], precision: Precision): PrecisionCheck {
  const count = rows.length / dims;
  const float = precisionIndex(rows, dims, "float32");
  const truth = float.search(query, shown.length);
  const truthSet = new Set(truth.map((hit) => hit.index));
  const floatScore = (i: number) => {
    let sum = 0;
    for (let d = 0; d < dims; d++) sum += rows[i * dims + d] * query[d];
    return sum;
  };
  const errors = shown.map((hit) => Math.abs(hit.score - floatScore(hit.index)));
  return {
    overlap: shown.length ? shown.filter((hit) => truthSet.has(hit.index)).length / shown.length : 1,
    scoreError: errors.length ? errors.reduce((a, b) => a + b, 0) / errors.length : 0,
    bytesPerVector: bytesPerVector(precision, dims),
    totalBytes: bytesPerVector(precision, dims) * count,
    float32Bytes: bytesPerVector("float32", dims) * count,
  };
}
