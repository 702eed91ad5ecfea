// The one batch loop, with a fake forward pass whose rows say which text they came from.
import { describe, expect, it } from "vitest";
import type { BatchLimits } from "./batch";
import { runBatches, type BatchRows } from "./run-batches";

const LIMITS: BatchLimits = { tokenBudget: 8, maxBatchSize: 2, runOverheadTokens: 4 };

/** Row of text i: [i, 10 * i] under "mean"; its norm is i + 1. Records each batch it is given. */
function fakeForward() {
  const batches: number[][] = [];
  const run = async (indices: number[]): Promise<BatchRows> => {
    batches.push(indices);
    return {
      pooled: { mean: Float32Array.from(indices.flatMap((i) => [i, 10 * i])) },
      norms: { mean: Float32Array.from(indices.map((i) => i + 1)) },
      inferenceMs: 2,
      poolMs: 1,
    };
  };
  return { batches, run };
}

describe("runBatches", () => {
  it("runs every text once, in batches within the limits, and returns rows in input order", async () => {
    const forward = fakeForward();
    const rows = await runBatches([1, 4, 2, 3], { limits: LIMITS, keys: ["mean"], dims: 2 }, forward.run);
    // Longest first, two to a batch within 8 padded tokens: texts of 4 and 3 tokens, then 2 and 1 (cost 2 x 4 + 8 + 4).
    expect(forward.batches).toEqual([[1, 3], [2, 0]]);
    expect([...rows.pooled.mean!]).toEqual([0, 0, 1, 10, 2, 20, 3, 30]);
    expect([...rows.norms.mean!]).toEqual([1, 2, 3, 4]);
    expect(rows).toMatchObject({ inferenceMs: 4, poolMs: 2 });
  });

  it("reports progress after each batch, never decreasing, ending at the total", async () => {
    const done: number[] = [];
    await runBatches([5, 5, 5], { limits: LIMITS, keys: ["mean"], dims: 2, onBatch: (n) => done.push(n) }, fakeForward().run);
    expect(done).toEqual([1, 2, 3]); // 2 x 5 tokens is over the budget: one text a batch
  });

  it("stops with 'cancelled' before the next batch once the signal aborts", async () => {
    const controller = new AbortController();
    const forward = fakeForward();
    const run = async (indices: number[]) => {
      controller.abort();
      return forward.run(indices);
    };
    const job = runBatches([5, 5, 5], { limits: LIMITS, keys: ["mean"], dims: 2, signal: controller.signal }, run);
    await expect(job).rejects.toMatchObject({ code: "cancelled", message: "the embedding job was cancelled" });
    expect(forward.batches).toHaveLength(1);
  });

  it("costs no pass when the signal aborted before it started", async () => {
    const forward = fakeForward();
    const job = runBatches([1], { limits: LIMITS, keys: ["mean"], dims: 2, signal: AbortSignal.abort() }, forward.run);
    await expect(job).rejects.toMatchObject({ code: "cancelled" });
    expect(forward.batches).toEqual([]);
  });
});
