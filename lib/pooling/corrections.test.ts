import { describe, expect, it } from "vitest";
import { mulberry32 } from "../seeded-random";
import { allButTheTopMap, applyMap, correctionMap, defaultRemovedDirections, fitSpectrum, rankOf, whiteningMap } from "./corrections";

/** Plain loops: the mean and the covariance (divided by n - 1) of [count, dims] rows. */
function moments(rows: Float32Array, dims: number) {
  const count = rows.length / dims;
  const mean = new Array(dims).fill(0);
  for (let r = 0; r < count; r++) for (let d = 0; d < dims; d++) mean[d] += rows[r * dims + d] / count;
  const cov = Array.from({ length: dims }, () => new Array(dims).fill(0));
  for (let r = 0; r < count; r++) {
    for (let i = 0; i < dims; i++) for (let j = 0; j < dims; j++) cov[i][j] += ((rows[r * dims + i] - mean[i]) * (rows[r * dims + j] - mean[j])) / (count - 1);
  }
  return { mean, cov };
}

/** Correlated random rows: x = z A + b, so the covariance is far from the identity. */
function correlatedRows(count: number, dims: number, seed: number): Float32Array {
  const random = mulberry32(seed);
  const mix = Array.from({ length: dims }, () => Array.from({ length: dims }, () => random() * 2 - 1));
  const rows = new Float32Array(count * dims);
  for (let r = 0; r < count; r++) {
    const z = Array.from({ length: dims }, () => random() * 2 - 1);
    for (let j = 0; j < dims; j++) {
      let value = 3 + j; // an offset: the mean is far from zero, as in anisotropic embeddings
      for (let i = 0; i < dims; i++) value += z[i] * mix[i][j];
      rows[r * dims + j] = value;
    }
  }
  return rows;
}

describe("fitSpectrum", () => {
  it("finds the mean and the principal axes of a hand-made corpus", () => {
    // Four points stretched along (1, 1)
    const s = fitSpectrum(Float32Array.from([0, 0, 4, 4, 1, 3, 3, 1]), 2);
    expect([...s.mean]).toEqual([2, 2]);
    // centered (-2,-2), (2,2), (-1,1), (1,-1): cov = [[10/3, 2], [2, 10/3]], eigenvalues 16/3 along (1,1)/sqrt2
    // and 4/3 along (1,-1)/sqrt2
    expect(s.values[0]).toBeCloseTo(16 / 3, 10);
    expect(s.values[1]).toBeCloseTo(4 / 3, 10);
    expect(Math.abs(s.vectors[0])).toBeCloseTo(Math.SQRT1_2, 10);
    expect(s.vectors[0] * s.vectors[2]).toBeCloseTo(0.5, 10); // both components of the first axis agree in sign
  });

  it("refuses fewer than two vectors", () => {
    expect(() => fitSpectrum(new Float32Array(3), 3)).toThrow(/at least 2 vectors of 3 values.*got 1/);
  });
});

describe("whitening", () => {
  const dims = 6;
  const rows = correlatedRows(200, dims, 7);
  const spectrum = fitSpectrum(rows, dims);

  it("leaves the corpus with zero mean and identity covariance (checked with plain loops)", () => {
    const { mean, cov } = moments(applyMap(whiteningMap(spectrum), rows), dims);
    mean.forEach((m) => expect(m).toBeCloseTo(0, 8));
    cov.forEach((line, i) => line.forEach((c, j) => expect(c, `${i},${j}`).toBeCloseTo(i === j ? 1 : 0, 4)));
  });

  it("keeps the k leading components when cut", () => {
    const cut = whiteningMap(spectrum, 2);
    expect(cut.outDims).toBe(2);
    const { cov } = moments(applyMap(cut, rows), 2);
    expect(cov[0][0]).toBeCloseTo(1, 4);
    expect(cov[0][1]).toBeCloseTo(0, 4);
  });

  it("cuts to the rank a small corpus has, instead of dividing by zero", () => {
    const small = fitSpectrum(rows.subarray(0, 3 * dims), dims); // 3 vectors: 2 components
    expect(rankOf(small)).toBe(2);
    const map = whiteningMap(small);
    expect(map.outDims).toBe(2);
    expect([...applyMap(map, rows.subarray(0, dims))].every(Number.isFinite)).toBe(true);
  });

  it("refuses a cut outside 1..dims", () => {
    expect(() => whiteningMap(spectrum, 0)).toThrow(/from 1 to 6 dimensions, got 0/);
  });
});

describe("all-but-the-top", () => {
  const dims = 5;
  const rows = correlatedRows(300, dims, 11);
  const spectrum = fitSpectrum(rows, dims);

  it("removes the mean and leaves no variance along the removed directions", () => {
    const corrected = applyMap(allButTheTopMap(spectrum, 2), rows);
    const { mean, cov } = moments(corrected, dims);
    mean.forEach((m) => expect(m).toBeCloseTo(0, 8));
    for (const t of [0, 1]) {
      const u = Array.from({ length: dims }, (_, d) => spectrum.vectors[d * dims + t]);
      const variance = cov.reduce((sum, line, i) => sum + line.reduce((s, c, j) => s + u[i] * c * u[j], 0), 0);
      expect(variance).toBeCloseTo(0, 6);
    }
    // the third direction keeps its variance
    const u = Array.from({ length: dims }, (_, d) => spectrum.vectors[d * dims + 2]);
    const kept = cov.reduce((sum, line, i) => sum + line.reduce((s, c, j) => s + u[i] * c * u[j], 0), 0);
    expect(kept).toBeCloseTo(spectrum.values[2], 4);
  });

  it("removes about dims / 100 directions by default, at least one", () => {
    expect([defaultRemovedDirections(5), defaultRemovedDirections(384), defaultRemovedDirections(1024)]).toEqual([1, 4, 10]);
    expect(correctionMap("none", spectrum)).toBeUndefined();
  });
});
