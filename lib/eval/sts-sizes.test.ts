import { describe, expect, it } from "vitest";
import { POOLINGS, type Pooling } from "../pooling/strategies";
import { stsBySize } from "./sts-sizes";

// Three sentences in 3-d, the same rows under every pooling. Pairs (0,1), (0,2), (1,2) with gold 3, 2, 1.
// Row 0 = (1, 0, 0), row 1 = (0.6, 0, 0.8), row 2 = (0, 1, 0).
const ROWS = Float32Array.of(1, 0, 0, 0.6, 0, 0.8, 0, 1, 0);
const input = { rows: Object.fromEntries(POOLINGS.map((p) => [p, ROWS])) as Record<Pooling, Float32Array>, dims: 3, pairRows: [[0, 1], [0, 2], [1, 2]] as const };

describe("stsBySize", () => {
  it("at full size ranks the cosines as they are (0.6, 0, 0: ties share a rank)", () => {
    const [full] = stsBySize(input, [3, 2, 1], [3]);
    // ranks of cosines (0.6, 0, 0) = (3, 1.5, 1.5) vs gold ranks (3, 2, 1): Spearman = Pearson of the ranks = 0.866...
    expect(full.dims).toBe(3);
    expect(full.spearman.mean).toBeCloseTo(100 * Math.sqrt(3) / 2, 4);
  });

  it("cuts and renormalizes before the cosine: at 1-d, rows 0 and 1 become the same direction", () => {
    const [one] = stsBySize(input, [1, 2, 3], [1]);
    // cut to 1-d: row 0 -> 1, row 1 -> 1, row 2 -> 0 (all-zero stays zero): cosines (1, 0, 0) vs gold (1, 2, 3)
    expect(one.spearman.cls).toBeCloseTo(100 * -Math.sqrt(3) / 2, 4);
  });

  it("answers one entry per size asked, in order", () => {
    expect(stsBySize(input, [3, 2, 1], [1, 2, 3]).map((s) => s.dims)).toEqual([1, 2, 3]);
  });
});
