/**
 * Pooling a text whose first tokens (a shared prompt, e.g. Qwen3-Embedding's query instruction) were run once
 * and cached. In a causal decoder a token's hidden state depends only on the tokens before it, so the prompt's
 * states are the same in every text that starts with it: the forward pass computes only the rest (the tail),
 * and the poolings are completed here from a summary of the prompt's states. The result is the pooling of the
 * whole text, prompt included, as lib/pooling/pool.ts computes it over one full pass (up to float rounding).
 *
 *   cls          = the prompt's first state (the tail's first-token row gets weight 0)
 *   mean         = (prompt sum + tail sum) / (prompt tokens + tail tokens)
 *   mean_content = the same over non-special tokens
 *   last_token   = the tail's last attended state (unchanged)
 *   max          = elementwise max of the prompt's max and the tail's
 */
import { MIN_COUNT, WEIGHTED_POOLINGS } from "./weights";
import type { Pooling } from "./strategies";

/** What the poolings need of the prompt's hidden states, [dim] each. */
export interface PromptSummary {
  tokens: number;
  contentTokens: number;
  dim: number;
  first: Float32Array;
  sum: Float32Array;
  contentSum: Float32Array;
  max: Float32Array;
}

/** hidden: the prompt run alone, [tokens, dim]; specials: [tokens] (1 = special token, e.g. a BOS). */
export function summarizePrompt(hidden: Float32Array, specials: ArrayLike<number>, dim: number): PromptSummary {
  const tokens = hidden.length / dim;
  if (!Number.isInteger(tokens) || tokens < 1 || specials.length !== tokens) {
    throw new RangeError(`expected [tokens, ${dim}] prompt states with one special flag per token, got ${hidden.length} values and ${specials.length} flags`);
  }
  const sum = new Float32Array(dim);
  const contentSum = new Float32Array(dim);
  const max = new Float32Array(dim).fill(Number.NEGATIVE_INFINITY);
  let contentTokens = 0;
  for (let t = 0; t < tokens; t++) {
    const content = !specials[t];
    if (content) contentTokens++;
    for (let d = 0; d < dim; d++) {
      const value = hidden[t * dim + d];
      sum[d] += value;
      if (content) contentSum[d] += value;
      if (value > max[d]) max[d] = value;
    }
  }
  return { tokens, contentTokens, dim, first: hidden.slice(0, dim), sum, contentSum, max };
}

/**
 * Per tail row, 1 / the whole text's token count (prompt + attended tail tokens) and 1 / its content token count:
 * what the means divide by. attentionMask, specialMask: [batch, seq].
 */
function wholeTextScales(prompt: Pick<PromptSummary, "tokens" | "contentTokens">, attentionMask: ArrayLike<number>, specialMask: ArrayLike<number>, batch: number, seq: number): { mean: number[]; content: number[] } {
  const mean: number[] = [];
  const content: number[] = [];
  for (let row = 0; row < batch; row++) {
    let attendedTokens = 0;
    let contentTokens = 0;
    for (let t = 0; t < seq; t++) {
      if (!attentionMask[row * seq + t]) continue;
      attendedTokens++;
      if (!specialMask[row * seq + t]) contentTokens++;
    }
    mean.push(1 / Math.max(prompt.tokens + attendedTokens, MIN_COUNT));
    content.push(1 / Math.max(prompt.contentTokens + contentTokens, MIN_COUNT));
  }
  return { mean, content };
}

/**
 * The pooled graph's weights for the tails, [batch, 4, seq] in WEIGHTED_POOLINGS order (see weights.ts): no
 * first-token row (it is the prompt's), mean rows divided by the whole text's counts, last token as usual.
 */
export function tailPoolingWeights(attentionMask: ArrayLike<number>, specialMask: ArrayLike<number>, batch: number, seq: number, prompt: Pick<PromptSummary, "tokens" | "contentTokens">): Float32Array {
  const k = WEIGHTED_POOLINGS.length;
  const weights = new Float32Array(batch * k * seq); // [batch, 4, seq]
  const scales = wholeTextScales(prompt, attentionMask, specialMask, batch, seq);
  for (let row = 0; row < batch; row++) {
    const base = row * k * seq;
    const [meanWeight, contentWeight] = [scales.mean[row], scales.content[row]];
    let last = -1;
    for (let t = 0; t < seq; t++) {
      if (!attentionMask[row * seq + t]) continue;
      last = t;
      weights[base + seq + t] = meanWeight;
      if (!specialMask[row * seq + t]) weights[base + 2 * seq + t] = contentWeight;
    }
    if (last >= 0) weights[base + 3 * seq + last] = 1;
  }
  return weights;
}

/**
 * Completes the tails' poolings (rows from a pass weighted by tailPoolingWeights, [batch, dim] each, not
 * normalized) with the prompt's part, in place; returns them.
 */
export function completeWithPrompt(
  rows: Record<Pooling, Float32Array>,
  prompt: PromptSummary,
  attentionMask: ArrayLike<number>,
  specialMask: ArrayLike<number>,
  batch: number,
  seq: number,
): Record<Pooling, Float32Array> {
  const { dim } = prompt;
  const scales = wholeTextScales(prompt, attentionMask, specialMask, batch, seq);
  for (let row = 0; row < batch; row++) {
    const [meanWeight, contentWeight] = [scales.mean[row], scales.content[row]];
    rows.cls.set(prompt.first, row * dim);
    for (let d = 0; d < dim; d++) {
      const i = row * dim + d;
      rows.mean[i] += prompt.sum[d] * meanWeight;
      rows.mean_content[i] += prompt.contentSum[d] * contentWeight;
      if (prompt.max[d] > rows.max[i]) rows.max[i] = prompt.max[d];
    }
  }
  return rows;
}
