import type { EncodedText } from "./tokenize";
import type { Device } from "./types";


/** A batch as the graph wants it: ids, mask and positions as [batch, seq] rows, padded on one side. */
export interface BatchTensors {
  batch: number;
  seq: number;
  inputIds: BigInt64Array;
  attentionMask: Uint8Array;
  specialMask: Uint8Array;
  positionIds: BigInt64Array;
}

/**
 * Length-bucketed batching. Texts are sorted longest first and cut into runs of neighbours; the cuts minimize the
 * estimated cost of the forward passes, `runs x runOverheadTokens + padded tokens` (rows x longest row), with
 * every batch within the token budget and the batch size. So short texts are never padded to a long one's
 * length, and mixed lengths are split only where the padding saved outweighs the cost of one more pass.
 * Returns batches of input indices; runBatches (run-batches.ts) scatters their rows back to input order.
 */
export function planBatches(lengths: readonly number[], limits: BatchLimits): number[][] {
  const { tokenBudget, maxBatchSize, runOverheadTokens } = limits;
  if (!(tokenBudget > 0) || !(maxBatchSize > 0) || !(runOverheadTokens >= 0)) {
    throw new RangeError(
      `expected a positive token budget and batch size and a run overhead >= 0, got ${tokenBudget}, ${maxBatchSize} and ${runOverheadTokens}`,
    );
  }
  const order = lengths.map((_, index) => index).sort((a, b) => lengths[b] - lengths[a] || a - b);
  const n = order.length;
  // cost[i]: the cheapest plan of the first i sorted texts; start[i]: where its last batch begins.
  const cost = new Float64Array(n + 1).fill(Number.POSITIVE_INFINITY);
  const start = new Int32Array(n + 1);
  cost[0] = 0;
  for (let end = 1; end <= n; end++) {
    // Sorted descending: a batch's first row is its longest, so a batch [from, end) pads to lengths[order[from]].
    for (let from = end - 1; from >= 0 && end - from <= maxBatchSize; from--) {
      const padded = (end - from) * lengths[order[from]];
      if (padded > tokenBudget && end - from > 1) break; // longer batches only pad more; one row always fits
      const total = cost[from] + runOverheadTokens + padded;
      if (total < cost[end]) {
        cost[end] = total;
        start[end] = from;
      }
    }
  }
  const batches: number[][] = [];
  for (let end = n; end > 0; end = start[end]) batches.push(order.slice(start[end], end));
  return batches.reverse();
}

/** The padded token count of a plan: what the forward passes really compute. */
export function paddedTokens(lengths: readonly number[], batches: readonly number[][]): number {
  return batches.reduce((sum, batch) => sum + batch.length * Math.max(...batch.map((i) => lengths[i])), 0);
}

/**
 * Pads encoded texts into one batch. Positions count attended tokens only (cumsum(mask) - 1), which is what
 * a causal decoder saw in training whichever side the padding is on; encoders ignore them. `positionOffset`
 * is the length of a cached prompt the texts continue (their first position comes after it).
 */
export function buildBatch(texts: readonly EncodedText[], padId: number, paddingSide: "left" | "right", positionOffset = 0): BatchTensors {
  const seq = Math.max(...texts.map((t) => t.ids.length));
  const batch = texts.length;
  const inputIds = new BigInt64Array(batch * seq).fill(BigInt(padId));
  const attentionMask = new Uint8Array(batch * seq);
  const specialMask = new Uint8Array(batch * seq);
  const positionIds = new BigInt64Array(batch * seq);
  texts.forEach((text, row) => {
    const offset = row * seq + (paddingSide === "left" ? seq - text.ids.length : 0);
    text.ids.forEach((id, t) => {
      inputIds[offset + t] = BigInt(id);
      attentionMask[offset + t] = 1;
      specialMask[offset + t] = text.specials[t];
      positionIds[offset + t] = BigInt(positionOffset + t);
    });
  });
  return { batch, seq, inputIds, attentionMask, specialMask, positionIds };
}

export interface BatchLimits {
  /** Padded tokens per forward pass (rows x longest row). */
  tokenBudget: number;
  maxBatchSize: number;
  /**
   * What one more forward pass costs, in padded tokens' worth of time: the per-pass work (kernel dispatch,
   * thread wake-ups, tensors in and out) that does not shrink with the batch. planBatches splits a batch of
   * mixed lengths only where that saves more padding than this.
   */
  runOverheadTokens: number;
}

/**
 * On a CPU, big enough to keep the matrix kernels busy, small enough that a query waiting behind a
 * knowledge-base job waits for one batch, not the whole job. A GPU needs far larger batches to fill its cores.
 */
export const BATCH_LIMITS: Record<Device, BatchLimits> = {
  // CPU: all-MiniLM-L6-v2 on 2 cores costs about 1.3 ms a pass plus 0.12 ms a padded token (about 11 tokens).
  cpu: { tokenBudget: 2048, maxBatchSize: 64, runOverheadTokens: 16 },
  // GPU: a pass's launches cost what thousands of tokens do; split only on a large saving.
  webgpu: { tokenBudget: 32768, maxBatchSize: 512, runOverheadTokens: 48 },
  cuda: { tokenBudget: 32768, maxBatchSize: 512, runOverheadTokens: 48 },
};
