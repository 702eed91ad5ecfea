import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Bm25Index } from "./bm25";
import { reciprocalRankFusion } from "./rrf";
import { wordsOf } from "./words";

interface Fixture {
  texts: string[];
  queryTexts: string[];
  corpus: string[][];
  queries: string[][];
  expected: number[][];
}

// Scores of the Python reference bm25s on the same words (scripts/reference/bm25-reference.py wrote them).
const fixture = JSON.parse(readFileSync(new URL("./bm25-reference.json", import.meta.url), "utf8")) as Fixture;

describe("wordsOf", () => {
  it("cuts Chinese by the dictionary and other scripts at spaces and punctuation, lowercased and width-folded", () => {
    expect(wordsOf("苹果是一种很好吃的水果")).toEqual(["苹果", "是", "一种", "很好", "吃", "的", "水果"]);
    expect(wordsOf("Apple's ＡＰＰＬＥ, don't 2024-05!")).toEqual(["apple's", "apple", "don't", "2024", "05"]);
  });

  it("gives the fixture's words, so the reference scored the same documents", () => {
    expect(fixture.texts.map(wordsOf)).toEqual(fixture.corpus);
    expect(fixture.queryTexts.map(wordsOf)).toEqual(fixture.queries);
  });
});

describe("Bm25Index", () => {
  it("scores every document as bm25s (method lucene) does, to 1e-6", () => {
    const index = new Bm25Index(fixture.corpus);
    fixture.queries.forEach((query, q) => {
      const scores = Array.from(index.scores(query));
      scores.forEach((score, d) => expect(score).toBeCloseTo(fixture.expected[q][d], 6));
    });
  });

  it("matches the formula on a corpus small enough to compute by hand", () => {
    // N = 2, avgdl = 2. "a" is in one document: idf = ln(1 + 1.5 / 1.5) = ln 2. Document 0 has tf 2, |d| = 3.
    const index = new Bm25Index([["a", "a", "b"], ["b"]]);
    const expected = (Math.log(2) * 2) / (2 + 1.2 * (1 - 0.75 + (0.75 * 3) / 2));
    expect(index.scores(["a"])[0]).toBeCloseTo(expected, 12);
    expect(index.scores(["a"])[1]).toBe(0);
    // A repeated query word counts once.
    expect(index.scores(["a", "a"])[0]).toBeCloseTo(expected, 12);
  });

  it("finds only the entries with the word: 苹果 finds the two apple sentences and the fruit bowl, never 我想吃点东西", () => {
    const index = Bm25Index.fromTexts(fixture.texts);
    const hits = index.search("苹果", 10);
    expect(hits.map((hit) => fixture.texts[hit.index])).toEqual(["香蕉和苹果都是水果，苹果更甜", "苹果是一种很好吃的水果", "苹果公司发布了新款手机"]);
    expect(hits.map((hit) => hit.rank)).toEqual([1, 2, 3]);
  });

  it("ranks within a filter, and gives nothing for a word no entry has", () => {
    const index = Bm25Index.fromTexts(fixture.texts);
    expect(index.search("苹果", 10, (i) => i !== 4).map((hit) => hit.index)).toEqual([0, 1]);
    expect(index.search("zebra", 10)).toEqual([]);
  });
});

describe("reciprocalRankFusion", () => {
  it("sums 1 / (60 + rank) over the rankings and keeps each ranking's rank", () => {
    const fused = reciprocalRankFusion([[3, 1, 2], [1, 4]], 10);
    expect(fused.map((hit) => hit.index)).toEqual([1, 3, 4, 2]);
    expect(fused[0]).toEqual({ index: 1, score: 1 / 62 + 1 / 61, rank: 1, ranks: [2, 1] });
    expect(fused[1].ranks).toEqual([1, null]);
    expect(reciprocalRankFusion([[3, 1, 2], [1, 4]], 2)).toHaveLength(2);
  });
});
