/**
 * An independent check of whitening on the real model's vectors: whitening's cosine is the Mahalanobis cosine,
 *   y_a . y_b = (x_a - mu)^T Sigma^-1 (x_b - mu)   (W W^T = U diag(1/lambda) U^T = Sigma^-1),
 * computed here with plain loops and a Gauss-Jordan inverse, no eigendecomposition, and compared with what the
 * Lab's sweep computes (fitSpectrum's eigenvectors through ml-matrix). The corpus has more sentences than the
 * model has dimensions, so Sigma is invertible.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadEngine } from "../engine";
import { loadStsDataset } from "../eval/sts-data";
import { spearman } from "../eval/spearman";
import { correctedRows, pairSpearman } from "./layer-metrics";
import { indexPairs } from "./layer-sweep";

const { sentences, indexed } = indexPairs(loadStsDataset("stsb-en").slice(0, 260));
let rows: Float32Array;
let dims = 0;

beforeAll(async () => {
  const engine = await loadEngine("all-MiniLM-L6-v2");
  const embedded = await engine.embed(sentences, { layer: 3, poolings: ["mean"] });
  rows = embedded.embeddings.mean!;
  dims = embedded.dims;
}, 300_000);

/** Plain Gauss-Jordan with partial pivoting: the inverse of a [n, n] matrix of arrays. */
function invert(matrix: number[][]): number[][] {
  const n = matrix.length;
  const a = matrix.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) pivot = r;
    [a[col], a[pivot]] = [a[pivot], a[col]];
    const p = a[col][col];
    for (let j = 0; j < 2 * n; j++) a[col][j] /= p;
    for (let r = 0; r < n; r++) {
      if (r === col || a[r][col] === 0) continue;
      const f = a[r][col];
      for (let j = 0; j < 2 * n; j++) a[r][j] -= f * a[col][j];
    }
  }
  return a.map((row) => row.slice(n));
}

describe("whitening on all-MiniLM-L6-v2's layer 3, mean pooling", () => {
  it("has more sentences than dimensions (Sigma invertible)", () => {
    expect(sentences.length).toBeGreaterThan(dims);
  });

  it("gives the Mahalanobis cosines computed with plain matrix code, and their STS Spearman", () => {
    const count = rows.length / dims;
    const mean = Array.from({ length: dims }, (_, d) => {
      let s = 0;
      for (let r = 0; r < count; r++) s += rows[r * dims + d];
      return s / count;
    });
    const centered = Array.from({ length: count }, (_, r) => Array.from({ length: dims }, (_, d) => rows[r * dims + d] - mean[d]));
    const cov = Array.from({ length: dims }, () => new Array<number>(dims).fill(0));
    for (const x of centered) for (let i = 0; i < dims; i++) for (let j = 0; j < dims; j++) cov[i][j] += (x[i] * x[j]) / (count - 1);
    const inverse = invert(cov);
    const times = (x: number[]) => inverse.map((row) => row.reduce((s, v, j) => s + v * x[j], 0));
    const mahalanobis = centered.map(times); // Sigma^-1 (x - mu)
    const inner = (a: number, b: number) => centered[a].reduce((s, v, d) => s + v * mahalanobis[b][d], 0);
    const plain = Array.from(indexed.a, (a, i) => inner(a, indexed.b[i]) / Math.sqrt(inner(a, a) * inner(indexed.b[i], indexed.b[i])));

    const whitened = correctedRows(rows, dims, "whitening");
    const engine = Array.from(indexed.a, (a, i) => {
      let s = 0;
      for (let d = 0; d < whitened.dims; d++) s += whitened.rows[a * whitened.dims + d] * whitened.rows[indexed.b[i] * whitened.dims + d];
      return s;
    });
    const worst = Math.max(...engine.map((c, i) => Math.abs(c - plain[i])));
    expect(worst).toBeLessThan(1e-3);
    expect(pairSpearman(whitened.rows, whitened.dims, indexed)).toBeCloseTo(100 * spearman(plain, indexed.gold), 1);
    // and whitening did something: the uncorrected cosines rank differently
    expect(Math.abs(pairSpearman(rows, dims, indexed) - 100 * spearman(plain, indexed.gold))).toBeGreaterThan(0.5);
  }, 120_000);
});
