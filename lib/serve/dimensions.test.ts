import { describe, expect, it } from "vitest";
import { keepDimensions, scaleRows, truncateDimensions } from "./dimensions";

describe("truncateDimensions", () => {
  it("keeps each row's first components and re-normalizes them (hand-computed: [3, 4] -> [0.6, 0.8])", () => {
    const rows = Float32Array.of(3, 4, 12, /* row 2 */ 0, 5, 1);
    expect(Array.from(truncateDimensions(rows, 3, 2))).toEqual([expect.closeTo(0.6, 6), expect.closeTo(0.8, 6), 0, 1]);
  });

  it("returns the rows as they are when nothing is cut", () => {
    const rows = Float32Array.of(1, 0);
    expect(truncateDimensions(rows, 2, 2)).toBe(rows);
  });

  it.each([0, 3, 1.5])("refuses keep %p, saying the range", (keep) => {
    expect(() => truncateDimensions(Float32Array.of(1, 0), 2, keep)).toThrow(/Expected keep to be an integer from 1 to 2, got /);
  });
});

describe("keepDimensions and scaleRows (normalize: false)", () => {
  it("cuts without re-normalizing", () => {
    expect(Array.from(keepDimensions(Float32Array.of(3, 4, 12, 0, 5, 1), 3, 2))).toEqual([3, 4, 0, 5]);
  });

  it("turns unit rows back into the pooled vectors, by hand", () => {
    expect(Array.from(scaleRows(Float32Array.of(0.6, 0.8, 1, 0), Float32Array.of(5, 2), 2))).toEqual([expect.closeTo(3, 6), expect.closeTo(4, 6), 2, 0]);
  });
});
