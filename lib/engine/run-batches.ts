/**
 * The batch loop, written once: plan length-cut batches (planBatches), run them in turn, scatter each one's rows
 * back to input order. The engine runs it over a long call, one worker request per batch, so queries are served
 * between them; the model's thread runs it over a coalesced job of short texts, one forward pass per batch. The
 * caller says how one batch is run. Pure.
 */
import { planBatches, type BatchLimits } from "./batch";
import { throwIfCancelled } from "./cancel";
import { allocateRows, scatterRows, type PooledRows } from "./rows";

/** Rows of one forward pass, or of a whole call: per row key L2-normalized [rows, dims] and norms [rows]. */
export interface BatchRows {
  pooled: PooledRows;
  norms: PooledRows;
  inferenceMs: number;
  poolMs: number;
}

export interface BatchPlan {
  limits: BatchLimits;
  /** The row keys each batch returns (pooling names, or layerRowKey's for several layers). */
  keys: readonly string[];
  dims: number;
  /** Checked before each batch: an aborted call stops with "cancelled" and costs no more passes. */
  signal?: AbortSignal;
  /** After each batch, with the texts done so far (never decreasing, ends at the total). */
  onBatch?: (done: number) => void;
}

/**
 * Embeds texts of these token `lengths` in batches. `runBatch(indices)` embeds the texts at `indices` (one
 * batch, rows in that order). Returns every text's rows in input order, with the batches' times summed.
 */
export async function runBatches(lengths: readonly number[], plan: BatchPlan, runBatch: (indices: number[]) => Promise<BatchRows>): Promise<BatchRows> {
  const { limits, keys, dims, signal, onBatch } = plan;
  const out: BatchRows = { ...allocateRows(keys, lengths.length, dims), inferenceMs: 0, poolMs: 0 }; // [count, dims], [count]
  let done = 0;
  for (const indices of planBatches(lengths, limits)) {
    throwIfCancelled(signal);
    const batch = await runBatch(indices);
    scatterRows(batch.pooled, out.pooled, indices, dims);
    scatterRows(batch.norms, out.norms, indices, 1);
    out.inferenceMs += batch.inferenceMs;
    out.poolMs += batch.poolMs;
    done += indices.length;
    onBatch?.(done);
  }
  return out;
}
