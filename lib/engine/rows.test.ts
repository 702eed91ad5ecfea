// Rows between texts and batches, on fixtures small enough to check by hand.
import { describe, expect, it } from "vitest";
import {
  allocateRows,
  encodedRow,
  joinTokens,
  packTokens,
  rowBuffers,
  scatterRows,
  selectTokens,
  shiftTruncations,
  sliceRows,
  tokenBuffers,
  tokenOffsets,
  unpackTokens,
  type JobRows,
} from "./rows";

const text = (ids: number[], specials: number[]) => ({ ids, specials: Uint8Array.from(specials) });
// [CLS] a b [SEP], [CLS] c [SEP], [CLS] d e f [SEP]
const TEXTS = [text([101, 1, 2, 102], [1, 0, 0, 1]), text([101, 3, 102], [1, 0, 1]), text([101, 4, 5, 6, 102], [1, 0, 0, 0, 1])];

describe("packing tokens", () => {
  it("lays texts end to end with their lengths, and unpacks them unchanged", () => {
    const packed = packTokens(TEXTS);
    expect([...packed.ids]).toEqual([101, 1, 2, 102, 101, 3, 102, 101, 4, 5, 6, 102]);
    expect([...packed.specials]).toEqual([1, 0, 0, 1, 1, 0, 1, 1, 0, 0, 0, 1]);
    expect([...packed.lengths]).toEqual([4, 3, 5]);
    expect(unpackTokens(packed)).toEqual(TEXTS);
  });

  it("finds where each text starts", () => {
    expect([...tokenOffsets(Int32Array.from([4, 3, 5]))]).toEqual([0, 4, 7]);
    expect([...tokenOffsets(new Int32Array(0))]).toEqual([]);
  });

  it("picks one batch's texts out, in the batch's order", () => {
    const packed = packTokens(TEXTS);
    const batch = selectTokens(packed, tokenOffsets(packed.lengths), [2, 0]);
    expect([...batch.ids]).toEqual([101, 4, 5, 6, 102, 101, 1, 2, 102]);
    expect([...batch.specials]).toEqual([1, 0, 0, 0, 1, 1, 0, 0, 1]);
    expect([...batch.lengths]).toEqual([5, 4]);
  });

  it("joins chunks tokenized in turn into one set, as if packed at once", () => {
    expect(joinTokens([packTokens(TEXTS.slice(0, 1)), packTokens(TEXTS.slice(1))])).toEqual(packTokens(TEXTS));
  });

  it("names the three buffers a packed set crosses threads in", () => {
    const packed = packTokens(TEXTS);
    expect(tokenBuffers(packed)).toEqual([packed.ids.buffer, packed.specials.buffer, packed.lengths.buffer]);
  });
});

describe("token rows", () => {
  it("turns a row's flags into a special mask", () => {
    expect(encodedRow({ ids: [101, 7, 102], specials: [true, false, true] }, 0)).toEqual(text([101, 7, 102], [1, 0, 1]));
  });

  it("refuses a row with no token, or with flags that do not match its ids", () => {
    expect(() => encodedRow({ ids: [], specials: [] }, 3)).toThrow(/token row 3: expected as many special flags as ids \(at least one\), got 0 and 0/);
    expect(() => encodedRow({ ids: [1, 2], specials: [false] }, 1)).toThrow(/got 1 and 2/);
  });
});

describe("scattering batch rows", () => {
  it("puts each batch row at its text's place, for vectors and for norms", () => {
    const { pooled, norms } = allocateRows(["mean"], 3, 2); // [3, 2] and [3]
    // Batch 1 holds texts 2 and 0; batch 2 holds text 1.
    scatterRows({ mean: Float32Array.from([20, 21, 0, 1]) }, pooled, [2, 0], 2);
    scatterRows({ mean: Float32Array.from([7, 5]) }, norms, [2, 0], 1);
    scatterRows({ mean: Float32Array.from([10, 11]) }, pooled, [1], 2);
    scatterRows({ mean: Float32Array.from([6]) }, norms, [1], 1);
    expect([...pooled.mean!]).toEqual([0, 1, 10, 11, 20, 21]);
    expect([...norms.mean!]).toEqual([5, 6, 7]);
  });

  it("allocates one zeroed matrix per pooling asked for, and skips poolings it was not asked for", () => {
    const { pooled, norms } = allocateRows(["cls", "max"], 2, 3);
    expect(Object.keys(pooled).sort()).toEqual(["cls", "max"]);
    expect([...pooled.cls!]).toEqual([0, 0, 0, 0, 0, 0]);
    expect([...norms.max!]).toEqual([0, 0]);
    scatterRows({ mean: Float32Array.from([1, 1, 1]) }, pooled, [0], 3);
    expect(pooled.mean).toBeUndefined();
  });

  it("names the buffers of every pooling's rows for transfer", () => {
    const a = { mean: new Float32Array(2), cls: new Float32Array(2) };
    const b = { mean: new Float32Array(1) };
    expect(rowBuffers(a, b)).toEqual([a.mean.buffer, a.cls.buffer, b.mean.buffer]);
  });
});

describe("slicing a coalesced job", () => {
  const job: JobRows & { inferenceMs: number } = {
    pooled: { mean: Float32Array.from([0, 0, 1, 1, 2, 2]) },
    norms: { mean: Float32Array.from([5, 6, 7]) },
    tokenCounts: [3, 600, 4],
    truncated: [{ index: 1, tokens: 600, kept: 512, dropped: 88 }],
    inferenceMs: 9,
  };

  it("gives a call its own rows, with truncation indices re-based to its own texts", () => {
    const sliced = sliceRows(job, 1, 2);
    expect([...sliced.pooled.mean!]).toEqual([1, 1, 2, 2]);
    expect([...sliced.norms.mean!]).toEqual([6, 7]);
    expect(sliced.tokenCounts).toEqual([600, 4]);
    expect(sliced.truncated).toEqual([{ index: 0, tokens: 600, kept: 512, dropped: 88 }]);
    expect(sliced.inferenceMs).toBe(9);
  });

  it("gives a call that had nothing cut no truncations", () => {
    expect(sliceRows(job, 0, 1)).toMatchObject({ tokenCounts: [3], truncated: [] });
  });

  it("is undone by shifting a chunk's truncations to where the chunk starts", () => {
    expect(shiftTruncations(sliceRows(job, 1, 2).truncated, 1)).toEqual(job.truncated);
  });
});
