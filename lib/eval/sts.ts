import type { EmbeddingEngine } from "../engine/types";
import { POOLINGS, type Pooling } from "../pooling/strategies";
import { spearman } from "./spearman";
import type { StsPair } from "./sts-data";
import { stsBySize, type StsAtSize } from "./sts-sizes";

export { loadStsDataset, loadStsFile, parseStsLines, STS_DATASETS, type StsDataset, type StsPair } from "./sts-data";

export interface StsResult {
  pairs: number;
  /** Spearman x100 of cosine vs gold score, per pooling. */
  spearman: Record<Pooling, number>;
  /** The same at each Matryoshka cut asked for (StsOptions.sizes), from the same vectors. */
  bySize?: StsAtSize[];
}

export interface StsOptions {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Also score each of these cuts (first d dimensions, renormalized); the full size is one of them if asked. */
  sizes?: readonly number[];
}

/** The pairs' sentences embedded under every pooling. */
export interface PairSentences {
  /** Cosine of sentences `a` and `b` (by text) under one pooling: the rows are unit vectors. */
  cosine(pooling: Pooling, a: string, b: string): number;
  /** The unit rows per pooling, [sentences, dims], and each pair's two row numbers. */
  rows: Partial<Record<Pooling, Float32Array>>;
  dims: number;
  pairRows: [number, number][];
}

/**
 * Embeds every distinct sentence of the pairs once, as a document (no query prompt: STS is symmetric, as in
 * MTEB), every pooling from the same forward passes. Shared by the STS evaluation and the calibration.
 */
export async function embedPairSentences(engine: EmbeddingEngine, pairs: readonly StsPair[], options: StsOptions = {}): Promise<PairSentences> {
  const sentences = [...new Set(pairs.flatMap((p) => [p.sentence1, p.sentence2]))];
  const rowOf = new Map(sentences.map((s, i) => [s, i]));
  const result = await engine.embed(sentences, {
    kind: "document",
    signal: options.signal,
    onProgress: (event) => event.type === "batch" && options.onProgress?.(event.done, event.total),
  });
  const { dims } = result;
  const cosine = (pooling: Pooling, a: string, b: string) => dot(result.embeddings[pooling]!, rowOf.get(a)! * dims, rowOf.get(b)! * dims, dims);
  const pairRows = pairs.map((p): [number, number] => [rowOf.get(p.sentence1)!, rowOf.get(p.sentence2)!]);
  return { cosine, rows: result.embeddings, dims, pairRows };
}

/** Correlates cosine similarity with the gold scores for every pooling (Spearman x100). */
export async function evaluateSts(engine: EmbeddingEngine, pairs: readonly StsPair[], options: StsOptions = {}): Promise<StsResult> {
  const embedded = await embedPairSentences(engine, pairs, options);
  const gold = pairs.map((p) => p.score);
  const scores = {} as Record<Pooling, number>;
  for (const pooling of POOLINGS) {
    const cosines = pairs.map((p) => embedded.cosine(pooling, p.sentence1, p.sentence2));
    scores[pooling] = 100 * spearman(cosines, gold);
  }
  const bySize = options.sizes ? { bySize: stsBySize(embedded, gold, options.sizes) } : {};
  return { pairs: pairs.length, spearman: scores, ...bySize };
}

function dot(matrix: Float32Array, a: number, b: number, dims: number): number {
  let sum = 0;
  for (let d = 0; d < dims; d++) sum += matrix[a + d] * matrix[b + d];
  return sum;
}
