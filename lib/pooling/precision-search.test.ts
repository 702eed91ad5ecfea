import { describe, expect, it } from "vitest";
import { mulberry32 } from "../seeded-random";
import { l2NormalizeRows } from "./normalize";
import { precisionIndex } from "./precision-search";

const dims = 16;
const random = mulberry32(5);
const docs = l2NormalizeRows(Float32Array.from({ length: 50 * dims }, () => random() * 2 - 1), dims);
const query = l2NormalizeRows(Float32Array.from({ length: dims }, () => random() * 2 - 1), dims);

/** The oracle: every cosine with plain loops, sorted. */
function bruteForce(k: number) {
  const scores = Array.from({ length: 50 }, (_, i) => {
    let s = 0;
    for (let d = 0; d < dims; d++) s += docs[i * dims + d] * query[d];
    return { index: i, score: s };
  });
  return scores.sort((a, b) => b.score - a.score).slice(0, k);
}

describe("precisionIndex", () => {
  it("float32 finds the brute-force top k with its scores", () => {
    const found = precisionIndex(docs, dims, "float32").search(query, 5);
    const truth = bruteForce(5);
    expect(found.map((h) => h.index)).toEqual(truth.map((h) => h.index));
    found.forEach((h, i) => expect(h.score).toBeCloseTo(truth[i].score, 6));
  });

  it("binary with rescoring shows float32 scores; with every candidate rescored it is float32's top k", () => {
    const all = precisionIndex(docs, dims, "binary", { rescore: 10 }).search(query, 5); // 50 candidates: all
    expect(all.map((h) => h.index)).toEqual(bruteForce(5).map((h) => h.index));
  });

  it("binary without rescoring shows Hamming similarities: multiples of 2 / dims", () => {
    const found = precisionIndex(docs, dims, "binary", { rescore: 0 }).search(query, 5);
    found.forEach((h) => expect(Math.abs(((1 - h.score) * dims) / 2 - Math.round(((1 - h.score) * dims) / 2))).toBeLessThan(1e-9));
  });

  it("int8 scores stay close to the float cosines on unit vectors", () => {
    const truth = new Map(bruteForce(50).map((h) => [h.index, h.score]));
    precisionIndex(docs, dims, "int8").search(query, 10).forEach((h) => expect(Math.abs(h.score - truth.get(h.index)!)).toBeLessThan(0.1));
  });

  it("refuses rows of another width", () => {
    expect(() => precisionIndex(new Float32Array(10), 3, "float32")).toThrow(/rows of 3 values, got 10/);
  });
});
