import { describe, expect, it } from "vitest";
import { mulberry32 } from "../seeded-random";
import { dot, meanContributions, pooledUnit, type TextStates } from "./attribution";
import { correctedMeanContributions } from "./corrected-attribution";
import { allButTheTopMap, applyMap, fitSpectrum, whiteningMap, type AffineMap } from "./corrections";
import { l2NormalizeRows } from "./normalize";

const dims = 8;
const random = mulberry32(23);
const randomRows = (count: number, offset: number) => Float32Array.from({ length: count * dims }, (_, i) => random() * 2 - 1 + (i % dims === 0 ? offset : 0));
// A corpus of unit vectors crowded around one direction (anisotropic, like real embeddings) to fit on.
const corpus = l2NormalizeRows(randomRows(60, 4), dims);
const spectrum = fitSpectrum(corpus, dims);
const text: TextStates = { hidden: randomRows(5, 2), specials: [true, false, false, false, true], dims };
const query = l2NormalizeRows(randomRows(1, 3), dims);

/** What the engine scores: the pooled unit vector, corrected, renormalized. */
const correctedUnit = (map: AffineMap, unit: Float32Array) => l2NormalizeRows(applyMap(map, unit), map.outDims);

describe("mean-pooling explanations under a correction", () => {
  const maps: Array<[string, AffineMap]> = [
    ["whitening", whiteningMap(spectrum)],
    ["whitening cut to 3", whiteningMap(spectrum, 3)],
    ["all-but-the-top", allButTheTopMap(spectrum, 2)],
  ];
  for (const [name, map] of maps) {
    for (const pooling of ["mean", "mean_content"] as const) {
      it(`stay exact: ${name}, ${pooling}: the token terms sum to the corrected cosine`, () => {
        const q = correctedUnit(map, query);
        const doc = correctedUnit(map, pooledUnit(text, pooling));
        const terms = correctedMeanContributions(text, pooling, map, q);
        expect(terms.reduce((a, b) => a + b, 0)).toBeCloseTo(dot(q, doc), 6);
        if (pooling === "mean_content") expect([terms[0], terms[4]]).toEqual([0, 0]);
      });
    }
  }

  it("differ from the uncorrected terms (the correction moves the score)", () => {
    const map = whiteningMap(spectrum);
    const corrected = correctedMeanContributions(text, "mean", map, correctedUnit(map, query));
    const plain = meanContributions(text, "mean", query);
    expect(Math.abs(corrected.reduce((a, b) => a + b) - plain.reduce((a, b) => a + b))).toBeGreaterThan(0.01);
  });

  it("refuses token states of another width", () => {
    expect(() => correctedMeanContributions({ ...text, dims: 4, hidden: new Float32Array(20) }, "mean", whiteningMap(spectrum), new Float32Array(dims))).toThrow(/8 values.*got 4/);
  });
});
