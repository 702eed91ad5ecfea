import { describe, expect, it } from "vitest";
import { histogram } from "./histogram";

describe("histogram", () => {
  it("counts hand-placed scores into aligned 0.05 bins", () => {
    expect(histogram([0.41, 0.44, 0.52, 0.3])).toEqual([
      { start: 0.3, end: 0.35, count: 1 },
      { start: 0.35, end: 0.4, count: 0 },
      { start: 0.4, end: 0.45, count: 2 },
      { start: 0.45, end: 0.5, count: 0 },
      { start: 0.5, end: 0.55, count: 1 },
    ]);
  });

  it("puts a score exactly on a boundary in the bin that starts there", () => {
    expect(histogram([0.4])).toEqual([{ start: 0.4, end: 0.45, count: 1 }]);
    expect(histogram([0.65])).toEqual([{ start: 0.65, end: 0.7, count: 1 }]);
  });

  it("handles negative scores", () => {
    expect(histogram([-0.12, 0.01])).toEqual([
      { start: -0.15, end: -0.1, count: 1 },
      { start: -0.1, end: -0.05, count: 0 },
      { start: -0.05, end: 0, count: 0 },
      { start: 0, end: 0.05, count: 1 },
    ]);
  });

  it("keeps every score: counts sum to the input length", () => {
    const scores = Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 0.9);
    expect(histogram(scores).reduce((sum, bin) => sum + bin.count, 0)).toBe(1000);
  });

  it("is empty for no scores", () => {
    expect(histogram([])).toEqual([]);
  });
});
