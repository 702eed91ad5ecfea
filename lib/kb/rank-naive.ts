/**
 * Brute-force vector search over one pooling's [count, dims] matrix: every score by a plain loop, a full sort,
 * the rank of every entry. The first implementation, kept as the oracle the fast path (rank.ts) is tested
 * against and the baseline `npm run bench -- search` measures it beside. Rows and query are L2-normalized by
 * the engine, so the dot product is the cosine. Pure.
 */
import { AppError } from "../errors";
import type { Pooling } from "../pooling/strategies";
import { histogram } from "./histogram";
import type { HistogramBin, SearchHit } from "./types";

/** scores[i] = rows[i] . query.  rows: [count, dims], query: [dims] -> [count] */
export function scoreAll(rows: Float32Array, dims: number, query: Float32Array): Float32Array {
  if (query.length !== dims || rows.length % dims !== 0) {
    throw new AppError(
      "internal",
      `Vector shapes disagree: expected a query of ${dims} dims and rows a multiple of it, got ${query.length} and ${rows.length}.`,
    );
  }
  const count = rows.length / dims;
  const scores = new Float32Array(count);
  for (let row = 0; row < count; row++) {
    let dot = 0;
    const from = row * dims;
    for (let d = 0; d < dims; d++) dot += rows[from + d] * query[d];
    scores[row] = dot;
  }
  return scores;
}

/** Entry indices, best score first; equal scores keep input order so results are stable run to run. */
export function rankOrder(scores: Float32Array): Uint32Array {
  const order = Uint32Array.from(scores.keys());
  return order.sort((a, b) => scores[b] - scores[a] || a - b);
}

/** ranks[i] = 1-based rank of entry i, from rankOrder's output. */
export function ranksFromOrder(order: Uint32Array): Uint32Array {
  const ranks = new Uint32Array(order.length);
  order.forEach((entry, position) => {
    ranks[entry] = position + 1;
  });
  return ranks;
}

export interface RankInput {
  entries: readonly string[];
  dims: number;
  /** Per pooling, [entries.length, dims] document vectors. */
  embeddings: Partial<Record<Pooling, Float32Array>>;
}

export interface Ranking {
  results: Partial<Record<Pooling, SearchHit[]>>;
  histograms: Partial<Record<Pooling, HistogramBin[]>>;
}

/**
 * Top-k hits and the score distribution under each pooling, every hit carrying its rank under all of them
 * (the side-by-side view shows how far an entry moved). queries: per pooling, a [dims] query vector.
 */
export function rankKnowledgeBase(kb: RankInput, queries: Partial<Record<Pooling, Float32Array>>, poolings: readonly Pooling[], topK: number): Ranking {
  const scored = poolings.map((pooling) => {
    const documents = kb.embeddings[pooling];
    const query = queries[pooling];
    if (!documents || !query) throw new AppError("internal", `No ${pooling} vectors: expected both document and query vectors for it.`);
    const scores = scoreAll(documents, kb.dims, query);
    const order = rankOrder(scores);
    return { pooling, scores, order, ranks: ranksFromOrder(order) };
  });
  const ranksOf = (index: number) => Object.fromEntries(scored.map(({ pooling, ranks }) => [pooling, ranks[index]]));
  const ranking: Ranking = { results: {}, histograms: {} };
  for (const { pooling, scores, order } of scored) {
    ranking.histograms[pooling] = histogram(scores);
    ranking.results[pooling] = Array.from(order.subarray(0, topK), (index, position) => ({
      index,
      text: kb.entries[index],
      score: scores[index],
      rank: position + 1,
      ranks: ranksOf(index),
    }));
  }
  return ranking;
}
