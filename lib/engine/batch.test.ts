import { describe, expect, it } from "vitest";
import { buildBatch, paddedTokens, planBatches, type BatchLimits } from "./batch";

const limits = (tokenBudget: number, maxBatchSize: number, runOverheadTokens = 0): BatchLimits => ({ tokenBudget, maxBatchSize, runOverheadTokens });

/** The plan's estimated cost: what planBatches minimizes. */
const costOf = (lengths: number[], batches: number[][], overhead: number) => batches.length * overhead + paddedTokens(lengths, batches);

describe("planBatches", () => {
  it("covers every input exactly once", () => {
    const lengths = Array.from({ length: 500 }, (_, i) => 3 + ((i * 37) % 120));
    const batches = planBatches(lengths, limits(1024, 32, 16));
    expect(batches.flat().sort((a, b) => a - b)).toEqual(lengths.map((_, i) => i));
  });

  it("keeps every batch within the token budget and the batch size", () => {
    const lengths = Array.from({ length: 300 }, (_, i) => 1 + ((i * 53) % 200));
    for (const batch of planBatches(lengths, limits(2048, 16, 16))) {
      expect(batch.length).toBeLessThanOrEqual(16);
      expect(batch.length * Math.max(...batch.map((i) => lengths[i]))).toBeLessThanOrEqual(Math.max(2048, lengths[batch[0]]));
    }
  });

  it("gives an over-budget text a batch of its own rather than dropping it", () => {
    expect(planBatches([10, 5000, 10], limits(100, 8, 16))).toEqual([[1], [0, 2]]);
  });

  it("pads far less than fixed batches of 32 in input order on mixed lengths", () => {
    const lengths = Array.from({ length: 256 }, (_, i) => (i % 8 === 0 ? 120 : 12));
    const inOrder = Array.from({ length: 8 }, (_, b) => Array.from({ length: 32 }, (_, i) => b * 32 + i));
    expect(paddedTokens(lengths, planBatches(lengths, limits(4096, 64, 16)))).toBeLessThan(paddedTokens(lengths, inOrder) / 2);
  });

  it("splits mixed lengths only where the padding saved outweighs one more pass", () => {
    // One batch: 12 + 4 x 30 = 132 padded tokens' worth; [30] and [10, 10, 10]: (12 + 30) + (12 + 30) = 84.
    expect(planBatches([10, 30, 10, 10], limits(2048, 64, 12))).toEqual([[1], [0, 2, 3]]);
    // A pass worth 100 tokens: one batch, 100 + 120 = 220, beats two, 130 + 130 = 260.
    expect(planBatches([10, 30, 10, 10], limits(2048, 64, 100))).toEqual([[1, 0, 2, 3]]);
  });

  it("finds the cheapest plan: the same cost as trying every cut of the sorted lengths", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const lengths = Array.from({ length: 2 + (seed % 8) }, (_, i) => 1 + ((seed * 7919 + i * 104729) % 61));
      const sorted = lengths.map((_, i) => i).sort((a, b) => lengths[b] - lengths[a] || a - b);
      const overhead = seed % 3 === 0 ? 0 : 4 * seed;
      let best = Number.POSITIVE_INFINITY;
      for (let cuts = 0; cuts < 1 << (sorted.length - 1); cuts++) {
        const batches: number[][] = [[sorted[0]]];
        for (let i = 1; i < sorted.length; i++) (cuts & (1 << (i - 1)) ? batches.push([sorted[i]]) : batches.at(-1)!.push(sorted[i]));
        if (batches.every((b) => b.length <= 4 && (b.length === 1 || b.length * lengths[b[0]] <= 150))) best = Math.min(best, costOf(lengths, batches, overhead));
      }
      expect(costOf(lengths, planBatches(lengths, limits(150, 4, overhead)), overhead)).toBe(best);
    }
  });

  it("rejects a non-positive budget with a message naming it", () => {
    expect(() => planBatches([1], limits(0, 4))).toThrow(/positive token budget.*got 0/);
  });
});

describe("buildBatch", () => {
  const texts = [
    { ids: [2, 7, 3], specials: Uint8Array.from([1, 0, 1]) },
    { ids: [2, 3], specials: Uint8Array.from([1, 1]) },
  ];

  it("pads on the right with the pad id; positions count real tokens", () => {
    const batch = buildBatch(texts, 0, "right");
    expect([batch.batch, batch.seq]).toEqual([2, 3]);
    expect([...batch.inputIds].map(Number)).toEqual([2, 7, 3, 2, 3, 0]);
    expect([...batch.attentionMask]).toEqual([1, 1, 1, 1, 1, 0]);
    expect([...batch.specialMask]).toEqual([1, 0, 1, 1, 1, 0]);
    expect([...batch.positionIds].map(Number)).toEqual([0, 1, 2, 0, 1, 0]);
  });

  it("pads on the left for decoders, positions still starting at 0 on the first real token", () => {
    const batch = buildBatch(texts, 9, "left");
    expect([...batch.inputIds].map(Number)).toEqual([2, 7, 3, 9, 2, 3]);
    expect([...batch.attentionMask]).toEqual([1, 1, 1, 0, 1, 1]);
    expect([...batch.positionIds].map(Number)).toEqual([0, 1, 2, 0, 0, 1]);
  });
});
