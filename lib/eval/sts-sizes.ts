/**
 * STS at Matryoshka cuts: each pair's cosine after cutting both sentences' vectors to their first d dimensions
 * and renormalizing, correlated with the gold scores. No forward pass: the cuts come from the full vectors. Pure.
 */
import { matryoshkaCut } from "../pooling/matryoshka";
import { POOLINGS, type Pooling } from "../pooling/strategies";
import { spearman } from "./spearman";

export interface StsAtSize {
  dims: number;
  /** Spearman x100 of cosine vs gold score, per pooling, at this cut. */
  spearman: Record<Pooling, number>;
}

export interface CutInput {
  /** Unit rows per pooling, [sentences, dims]. */
  rows: Partial<Record<Pooling, Float32Array>>;
  dims: number;
  /** Each pair's two row numbers, in gold order. */
  pairRows: readonly (readonly [number, number])[];
}

export function stsBySize(input: CutInput, gold: readonly number[], sizes: readonly number[]): StsAtSize[] {
  return sizes.map((size) => {
    const scores = {} as Record<Pooling, number>;
    for (const pooling of POOLINGS) {
      const rows = input.rows[pooling];
      if (!rows) continue;
      const cut = matryoshkaCut(rows, input.dims, size); // [sentences, size], unit rows
      const cosines = input.pairRows.map(([a, b]) => dotRows(cut, a, b, size));
      scores[pooling] = 100 * spearman(cosines, gold);
    }
    return { dims: size, spearman: scores };
  });
}

function dotRows(rows: Float32Array, a: number, b: number, dims: number): number {
  let sum = 0;
  for (let d = 0; d < dims; d++) sum += rows[a * dims + d] * rows[b * dims + d];
  return sum;
}
