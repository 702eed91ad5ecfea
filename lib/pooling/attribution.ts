/**
 * Token attributions of a cosine score: which tokens of a text drove it. Pure math over one text's hidden states.
 * Mean poolings are linear in the tokens, so the score splits exactly into one term per token:
 *   s = (1/n) sum_i t_i,   cos(q, s) = q^ . s / |s| = sum_i (q^ . t_i) / (n |s|)
 * CLS, last token and max are not sums of tokens; for them the caller measures leave-one-out instead.
 */
import { l2NormalizeRows } from "./normalize";
import { pool } from "./pool";
import type { Pooling } from "./strategies";

/** Poolings whose cosine is an exact sum over tokens. */
export const ADDITIVE_POOLINGS = ["mean", "mean_content"] as const satisfies readonly Pooling[];

export function isAdditive(pooling: Pooling): boolean {
  return (ADDITIVE_POOLINGS as readonly Pooling[]).includes(pooling);
}

/** One text's last hidden state with nothing padded: hidden [tokens, dims], specials [tokens]. */
export interface TextStates {
  hidden: Float32Array;
  specials: readonly boolean[];
  dims: number;
}

/** The text pooled one way and L2-normalized: [dims]. */
export function pooledUnit(states: TextStates, pooling: Pooling): Float32Array {
  const seq = states.specials.length;
  const rows = pool(pooling, {
    hidden: states.hidden,
    attentionMask: new Uint8Array(seq).fill(1),
    specialMask: Uint8Array.from(states.specials, (s) => (s ? 1 : 0)),
    batch: 1,
    seq,
    dim: states.dims,
  });
  return l2NormalizeRows(rows, states.dims);
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}

/**
 * Each token's term of cos(other, mean of the counted tokens); uncounted tokens (specials under mean_content)
 * get 0. `other` is the other text's unit vector. The terms sum to the cosine.
 */
export function meanContributions(states: TextStates, pooling: (typeof ADDITIVE_POOLINGS)[number], other: ArrayLike<number>): number[] {
  const { hidden, specials, dims } = states;
  const counted = specials.map((special) => pooling === "mean" || !special);
  const n = counted.filter(Boolean).length;
  if (n === 0) return specials.map(() => 0);
  const sum = new Float64Array(dims); // n s
  counted.forEach((yes, t) => {
    if (yes) for (let d = 0; d < dims; d++) sum[d] += hidden[t * dims + d];
  });
  const sNorm = Math.sqrt(dot(sum, sum)) / n; // |s|
  if (sNorm === 0) return specials.map(() => 0);
  return counted.map((yes, t) => (yes ? dot(other, hidden.subarray(t * dims, (t + 1) * dims)) / (n * sNorm) : 0));
}

/** The token rows of a text with token `left` removed (the leave-one-out variant). */
export function withoutToken<T>(items: readonly T[], left: number): T[] {
  return items.filter((_, i) => i !== left);
}
