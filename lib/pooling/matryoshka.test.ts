import { describe, expect, it } from "vitest";
import { matryoshkaCut } from "./matryoshka";

describe("matryoshkaCut", () => {
  it("keeps the first dims of each row and renormalizes (hand-computed)", () => {
    // rows (3, 4, 12) and (0, 0, 1): cut to 2 -> (0.6, 0.8) and the zero row stays (0, 0)
    const cut = matryoshkaCut(Float32Array.from([3, 4, 12, 0, 0, 1]), 3, 2);
    expect([...cut]).toEqual([Math.fround(0.6), Math.fround(0.8), 0, 0]);
  });

  it("only renormalizes at the full width, and never touches its input", () => {
    const rows = Float32Array.from([3, 4]);
    expect([...matryoshkaCut(rows, 2, 2)]).toEqual([Math.fround(0.6), Math.fround(0.8)]);
    expect([...rows]).toEqual([3, 4]);
  });

  it("refuses a cut outside 1..dims, naming both", () => {
    expect(() => matryoshkaCut(new Float32Array(4), 4, 0)).toThrow(/from 1 to 4 dimensions, got 0/);
    expect(() => matryoshkaCut(new Float32Array(4), 4, 5)).toThrow(/from 1 to 4 dimensions, got 5/);
    expect(() => matryoshkaCut(new Float32Array(4), 4, 1.5)).toThrow(/got 1.5/);
    expect(() => matryoshkaCut(new Float32Array(5), 4, 2)).toThrow(/rows of 4 values, got 5/);
  });
});
