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
 * Length-bucketed batching. Texts are sorted longest first and batches filled while the padded size
 * (rows x longest row) stays within a token budget, so short texts are never padded to a long one's length.
 * Returns batches of input indices; callers scatter results back to input order.
 */
export function planBatches(lengths: readonly number[], tokenBudget: number, maxBatchSize: number): number[][] {
  if (!(tokenBudget > 0) || !(maxBatchSize > 0)) {
    throw new RangeError(`expected a positive token budget and batch size, got ${tokenBudget} and ${maxBatchSize}`);
  }
  const order = lengths.map((_, index) => index).sort((a, b) => lengths[b] - lengths[a] || a - b);
  const batches: number[][] = [];
  let current: number[] = [];
  let longest = 0;
  for (const index of order) {
    // Sorted descending: the first row of a batch is its longest, so the padded size is rows x that length.
    const fits = current.length < maxBatchSize && (current.length + 1) * longest <= tokenBudget;
    if (current.length > 0 && !fits) {
      batches.push(current);
      current = [];
    }
    if (current.length === 0) longest = lengths[index];
    current.push(index);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

/** The padded token count of a plan: what the forward passes really compute. */
export function paddedTokens(lengths: readonly number[], batches: readonly number[][]): number {
  return batches.reduce((sum, batch) => sum + batch.length * Math.max(...batch.map((i) => lengths[i])), 0);
}

/**
 * Pads encoded texts into one batch. Positions count attended tokens only (cumsum(mask) - 1), which is what
 * a causal decoder saw in training whichever side the padding is on; encoders ignore them.
 */
export function buildBatch(texts: readonly EncodedText[], padId: number, paddingSide: "left" | "right"): BatchTensors {
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
      positionIds[offset + t] = BigInt(t);
    });
  });
  return { batch, seq, inputIds, attentionMask, specialMask, positionIds };
}

export interface BatchLimits {
  /** Padded tokens per forward pass (rows x longest row). */
  tokenBudget: number;
  maxBatchSize: number;
}

/**
 * On a CPU, big enough to keep the matrix kernels busy, small enough that a query waiting behind a
 * knowledge-base job waits for one batch, not the whole job. A GPU needs far larger batches to fill its cores.
 */
export const BATCH_LIMITS: Record<Device, BatchLimits> = {
  cpu: { tokenBudget: 2048, maxBatchSize: 64 },
  webgpu: { tokenBudget: 32768, maxBatchSize: 512 },
  cuda: { tokenBudget: 32768, maxBatchSize: 512 },
};
