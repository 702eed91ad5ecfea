import { describe, expect, it } from "vitest";
import { cosine } from "../pooling/normalize";
import { normalizedRows } from "../../testing/random";
import { rankKnowledgeBase, rankOrder, ranksFromOrder, scoreAll } from "./rank-naive";

describe("scoreAll", () => {
  it("matches the cosine of each row with the query (brute-force oracle)", () => {
    const dims = 16;
    const rows = normalizedRows(50, dims, 1);
    const query = normalizedRows(1, dims, 2);
    const scores = scoreAll(rows, dims, query);
    for (let i = 0; i < 50; i++) {
      expect(scores[i]).toBeCloseTo(cosine(rows.subarray(i * dims, (i + 1) * dims), query), 5);
    }
  });

  it("refuses vectors whose shapes disagree, giving both", () => {
    expect(() => scoreAll(new Float32Array(6), 3, new Float32Array(2))).toThrow(/expected a query of 3 dims .* got 2 and 6/);
  });
});

describe("rankOrder and ranksFromOrder", () => {
  it("orders best first and keeps input order among equal scores", () => {
    const order = rankOrder(Float32Array.from([0.2, 0.9, 0.5, 0.9, -0.1]));
    expect([...order]).toEqual([1, 3, 2, 0, 4]);
  });

  it("gives each entry its 1-based rank (the inverse permutation)", () => {
    const order = Uint32Array.from([1, 3, 2, 0, 4]);
    expect([...ranksFromOrder(order)]).toEqual([4, 1, 3, 2, 5]);
  });
});

describe("rankKnowledgeBase", () => {
  // Hand-computable: unit vectors along axes, query along x.
  const entries = ["x", "y", "mostly x"];
  const s = Math.SQRT1_2;
  const kb = {
    entries,
    dims: 2,
    embeddings: {
      cls: Float32Array.from([1, 0, 0, 1, s, s]),
      mean: Float32Array.from([0, 1, 1, 0, s, s]),
    },
  };
  const queries = { cls: Float32Array.from([1, 0]), mean: Float32Array.from([1, 0]) };

  it("ranks by score under each pooling, top-k only", () => {
    const { results } = rankKnowledgeBase(kb, queries, ["cls", "mean"], 2);
    expect(results.cls!.map((h) => [h.text, h.rank])).toEqual([["x", 1], ["mostly x", 2]]);
    expect(results.cls![1].score).toBeCloseTo(s, 6);
    expect(results.mean!.map((h) => h.text)).toEqual(["y", "mostly x"]);
  });

  it("gives every hit its rank under every pooling, even outside the other top-k", () => {
    const { results } = rankKnowledgeBase(kb, queries, ["cls", "mean"], 1);
    expect(results.cls![0].ranks).toEqual({ cls: 1, mean: 3 });
    expect(results.mean![0].ranks).toEqual({ cls: 3, mean: 1 });
  });

  it("bins every entry's score in the histogram", () => {
    const { histograms } = rankKnowledgeBase(kb, queries, ["cls"], 1);
    expect(histograms.cls!.reduce((sum, bin) => sum + bin.count, 0)).toBe(3);
  });

  it("scores stay sorted descending for random data", () => {
    const dims = 8;
    const big = { entries: Array.from({ length: 200 }, (_, i) => `e${i}`), dims, embeddings: { max: normalizedRows(200, dims, 3) } };
    const { results } = rankKnowledgeBase(big, { max: normalizedRows(1, dims, 4) }, ["max"], 100);
    const scores = results.max!.map((h) => h.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    expect(results.max!.map((h) => h.rank)).toEqual(Array.from({ length: 100 }, (_, i) => i + 1));
  });

  it("says which pooling is missing its vectors", () => {
    expect(() => rankKnowledgeBase(kb, queries, ["max"], 1)).toThrow(/No max vectors/);
  });
});
