import { describe, expect, it } from "vitest";
import { l2NormalizeRows } from "../pooling/normalize";
import { mulberry32 } from "../seeded-random";
import { comparePrecisions, matryoshkaCuts, mean } from "./precision-compare";

const dims = 64;
const random = mulberry32(11);
const unit = (count: number) => l2NormalizeRows(Float32Array.from({ length: count * dims }, () => random() * 2 - 1), dims);

describe("comparePrecisions", () => {
  const docs = unit(120);
  const queries = unit(6);
  const result = comparePrecisions(docs, queries, dims, 10);
  const way = (name: string) => result.ways.find((w) => w.way === name)!;

  it("lists float32, int8, binary, binary with rescoring and halving cuts down to 32", () => {
    expect(result.ways.map((w) => w.way)).toEqual(["float32", "int8", "binary", "binary_rescore", "matryoshka_32"]);
    expect(matryoshkaCuts(384)).toEqual([192, 96, 48]);
  });

  it("float32 against itself: full overlap, no error", () => {
    expect(way("float32").overlap).toEqual([1, 1, 1, 1, 1, 1]);
    expect(Math.max(...way("float32").scoreError)).toBeLessThan(1e-6);
  });

  it("counts memory: 4, 1 and 1/8 bytes a dimension, times the entries", () => {
    expect([way("float32").totalBytes, way("int8").totalBytes, way("binary").totalBytes, way("matryoshka_32").totalBytes]).toEqual([120 * 256, 120 * 64, 120 * 8, 120 * 128]);
  });

  it("binary rescoring shows exact float32 scores and overlaps at least as much as Hamming alone", () => {
    expect(Math.max(...way("binary_rescore").scoreError)).toBeLessThan(1e-6);
    expect(mean(way("binary_rescore").overlap)).toBeGreaterThanOrEqual(mean(way("binary").overlap));
    expect(mean(way("binary").scoreError)).toBeGreaterThan(0.01);
  });

  it("keeps overlaps between 0 and 1 and caps k at the entries there are", () => {
    result.ways.forEach((w) => w.overlap.forEach((o) => expect(o >= 0 && o <= 1).toBe(true)));
    expect(comparePrecisions(unit(3), unit(1), dims, 10).k).toBe(3);
  });
});
