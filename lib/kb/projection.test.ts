import { describe, expect, it } from "vitest";
import { normalizedRows } from "../../testing/random";
import { mulberry32 } from "../seeded-random";
import { pcaLayout, sampleIndices, umapLayout } from "./projection";

describe("pcaLayout", () => {
  it("finds the axes of points spread along x then y (hand-made), with their share of the variance", () => {
    // 3-D points: spread 4 along x, 2 along y, 0 along z.
    const rows = Float32Array.from([4, 0, 0, -4, 0, 0, 0, 2, 0, 0, -2, 0]);
    const { coords, explainedVariance } = pcaLayout(rows, 4, 3);
    [4, 0, -4, 0, 0, 2, 0, -2].forEach((expected, i) => expect(coords[i]).toBeCloseTo(expected, 4));
    expect(explainedVariance![0]).toBeCloseTo(32 / 40, 6);
    expect(explainedVariance![1]).toBeCloseTo(8 / 40, 6);
  });

  it("projects extra rows onto the fitted axes", () => {
    const rows = Float32Array.from([4, 0, 0, -4, 0, 0, 0, 2, 0, 0, -2, 0]);
    const { coords } = pcaLayout(rows, 4, 3, Float32Array.from([1, 1, 5]));
    expect(coords[8]).toBeCloseTo(1, 5);
    expect(coords[9]).toBeCloseTo(1, 5);
  });

  it("gives the same coordinates twice", () => {
    const rows = normalizedRows(50, 32, 3);
    expect(pcaLayout(rows, 50, 32).coords).toEqual(pcaLayout(rows, 50, 32).coords);
  });
});

describe("umapLayout", () => {
  it("is deterministic with a seed, and lays out every row plus the extra one", () => {
    const rows = normalizedRows(40, 16, 5);
    const extra = normalizedRows(1, 16, 6);
    const first = umapLayout(rows, 40, 16, 42, extra);
    expect(first.coords.length).toBe(41 * 2);
    expect(first.coords.every(Number.isFinite)).toBe(true);
    expect(umapLayout(rows, 40, 16, 42, extra).coords).toEqual(first.coords);
  });

  it("keeps two well-separated clusters apart", () => {
    const dims = 8;
    const rows = new Float32Array(20 * dims);
    const noise = mulberry32(1);
    for (let r = 0; r < 20; r++) for (let d = 0; d < dims; d++) rows[r * dims + d] = (r < 10 ? d === 0 : d === 1) ? 1 : 0.05 * noise();
    const { coords } = umapLayout(rows, 20, dims, 1);
    const centre = (from: number) => [0, 1].map((k) => Array.from({ length: 10 }, (_, i) => coords[(from + i) * 2 + k]).reduce((a, b) => a + b) / 10);
    const [a, b] = [centre(0), centre(10)];
    const spread = Math.max(...Array.from({ length: 10 }, (_, i) => Math.hypot(coords[i * 2] - a[0], coords[i * 2 + 1] - a[1])));
    expect(Math.hypot(a[0] - b[0], a[1] - b[1])).toBeGreaterThan(spread);
  });
});

describe("sampleIndices", () => {
  it("keeps everything under the cap, else a seeded, sorted, duplicate-free sample", () => {
    expect(sampleIndices(3, 5, 1)).toEqual([0, 1, 2]);
    const sample = sampleIndices(1000, 100, 9);
    expect(sample).toHaveLength(100);
    expect(new Set(sample).size).toBe(100);
    expect(sample).toEqual([...sample].sort((a, b) => a - b));
    expect(sampleIndices(1000, 100, 9)).toEqual(sample);
    expect(sampleIndices(1000, 100, 10)).not.toEqual(sample);
  });
});
