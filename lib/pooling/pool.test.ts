import { describe, expect, it } from "vitest";
import { l2NormalizeRows, rowNorms } from "./normalize";
import { pool, type HiddenStates } from "./pool";
import { POOLINGS } from "./strategies";

// Two texts, seq 4, dim 2. Token vectors are chosen so every strategy gives a different, hand-checkable answer.
// Row 0 (right padded): [CLS]=(1,0) a=(3,2) [SEP]=(5,4) pad=(100,100)
// Row 1 (left padded):  pad=(100,100) [CLS]=(0,1) b=(2,6) [SEP]=(4,2)
const hidden = Float32Array.from([1, 0, 3, 2, 5, 4, 100, 100, 100, 100, 0, 1, 2, 6, 4, 2]);
const states: HiddenStates = {
  hidden,
  attentionMask: [1, 1, 1, 0, 0, 1, 1, 1],
  specialMask: [1, 0, 1, 0, 0, 1, 0, 1],
  batch: 2,
  seq: 4,
  dim: 2,
};

describe("pooling on hand-computed tensors", () => {
  it("cls takes the first attended token, also behind left padding", () => {
    expect([...pool("cls", states)]).toEqual([1, 0, 0, 1]);
  });

  it("last_token takes the last attended token, before right padding", () => {
    expect([...pool("last_token", states)]).toEqual([5, 4, 4, 2]);
  });

  it("mean averages attended tokens, special tokens included, padding excluded", () => {
    // row 0: (1+3+5)/3, (0+2+4)/3 ; row 1: (0+2+4)/3, (1+6+2)/3
    expect([...pool("mean", states)]).toEqual([3, 2, 2, 3]);
  });

  it("mean_content averages attended non-special tokens only", () => {
    expect([...pool("mean_content", states)]).toEqual([3, 2, 2, 6]);
  });

  it("max takes the element-wise max over attended tokens, never padding", () => {
    expect([...pool("max", states)]).toEqual([5, 4, 4, 6]);
  });

  it("an all-padding row pools to zeros for every strategy, never NaN", () => {
    const empty: HiddenStates = { ...states, attentionMask: [0, 0, 0, 0, 0, 1, 1, 1] };
    for (const strategy of POOLINGS) {
      const out = pool(strategy, empty);
      expect([...out.subarray(0, 2)], strategy).toEqual([0, 0]);
    }
  });

  it("padding values never leak: changing them changes nothing", () => {
    const noisy = { ...states, hidden: Float32Array.from(hidden, (v) => (v === 100 ? -7 : v)) };
    for (const strategy of POOLINGS) expect([...pool(strategy, noisy)], strategy).toEqual([...pool(strategy, states)]);
  });
});

describe("rowNorms", () => {
  it("gives each row's length, by hand ([3, 4] -> 5), and 0 for a zero row", () => {
    expect(Array.from(rowNorms(Float32Array.from([3, 4, 0, 0, 0, 2]), 2))).toEqual([5, 0, 2]);
  });
});

describe("l2NormalizeRows", () => {
  it("scales each row to unit length", () => {
    const rows = l2NormalizeRows(Float32Array.from([3, 4, 0, 2]), 2);
    [0.6, 0.8, 0, 1].forEach((expected, i) => expect(rows[i]).toBeCloseTo(expected, 6));
  });

  it("leaves an all-zero row at zero instead of NaN", () => {
    expect([...l2NormalizeRows(Float32Array.from([0, 0]), 2)]).toEqual([0, 0]);
  });
});
