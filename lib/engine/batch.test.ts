import { describe, expect, it } from "vitest";
import { buildBatch, paddedTokens, planBatches } from "./batch";

describe("planBatches", () => {
  it("covers every input exactly once", () => {
    const lengths = Array.from({ length: 500 }, (_, i) => 3 + ((i * 37) % 120));
    const batches = planBatches(lengths, 1024, 32);
    expect(batches.flat().sort((a, b) => a - b)).toEqual(lengths.map((_, i) => i));
  });

  it("keeps every batch within the token budget and the batch size", () => {
    const lengths = Array.from({ length: 300 }, (_, i) => 1 + ((i * 53) % 200));
    for (const batch of planBatches(lengths, 2048, 16)) {
      expect(batch.length).toBeLessThanOrEqual(16);
      expect(batch.length * Math.max(...batch.map((i) => lengths[i]))).toBeLessThanOrEqual(Math.max(2048, lengths[batch[0]]));
    }
  });

  it("gives an over-budget text a batch of its own rather than dropping it", () => {
    expect(planBatches([10, 5000, 10], 100, 8)).toEqual([[1], [0, 2]]);
  });

  it("pads far less than fixed batches of 32 in input order on mixed lengths", () => {
    const lengths = Array.from({ length: 256 }, (_, i) => (i % 8 === 0 ? 120 : 12));
    const inOrder = Array.from({ length: 8 }, (_, b) => Array.from({ length: 32 }, (_, i) => b * 32 + i));
    expect(paddedTokens(lengths, planBatches(lengths, 4096, 64))).toBeLessThan(paddedTokens(lengths, inOrder) / 2);
  });

  it("rejects a non-positive budget with a message naming it", () => {
    expect(() => planBatches([1], 0, 4)).toThrow(/positive token budget.*got 0/);
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
