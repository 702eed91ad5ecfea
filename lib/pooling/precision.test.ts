import { describe, expect, it } from "vitest";
import { bytesPerVector, fitInt8Ranges, hamming, hammingSimilarity, int8Cosine, packSignBits, quantizeInt8 } from "./precision";

describe("int8 as sentence-transformers' quantize_embeddings computes it", () => {
  // Two dimensions; calibration rows (0, -1), (2, 1): starts (0, -1), steps (2/255, 2/255).
  const calibration = Float32Array.from([0, -1, 2, 1]);
  const ranges = fitInt8Ranges(calibration, 2);

  it("fits per-dimension starts and steps from the calibration rows", () => {
    expect([...ranges.starts]).toEqual([0, -1]);
    ranges.steps.forEach((step) => expect(step).toBeCloseTo(2 / 255, 7));
  });

  it("maps the minimum to -128 and truncates toward zero, in float32 as numpy does", () => {
    // x = 1 in dim 0: 1 / (2/255) - 128 = -0.5 -> 0 (toward zero). The maximum: 2 / float32(2/255) is
    // 254.99998 in float32, so it truncates to 126, as np.float32 arithmetic and astype(np.int8) give
    // (checked with numpy 2.4: [[-128 -128] [126 126] [0 0]]).
    expect([...quantizeInt8(Float32Array.from([0, -1, 2, 1, 1, 0]), 2, ranges)]).toEqual([-128, -128, 126, 126, 0, 0]);
  });

  it("clamps values outside the calibration range instead of wrapping", () => {
    expect([...quantizeInt8(Float32Array.from([5, -9]), 2, ranges)]).toEqual([127, -128]);
    expect([...quantizeInt8(Float32Array.from([2.2, -1]), 2, ranges)]).toEqual([127, -128]);
  });

  it("scores by the cosine of the codes", () => {
    const codes = Int8Array.from([3, 4, 4, 3]);
    expect(int8Cosine(codes, 0, codes, 1, 2)).toBeCloseTo(24 / 25, 10);
  });
});

describe("binary", () => {
  it("packs sign bits like np.packbits(x > 0): first dimension in the high bit, zero is not positive", () => {
    const bits = packSignBits(Float32Array.from([1, -1, 0, 2, 0.5, -3, -3, -3, 7, 0]), 10);
    expect([...bits]).toEqual([0b10011000, 0b10000000]);
  });

  it("compares by Hamming distance; similarity is the cosine of the sign vectors", () => {
    const bits = packSignBits(Float32Array.from([1, 1, 1, 1, 1, -1, -1, 1]), 4);
    expect(hamming(bits, 0, bits, 1, 1)).toBe(2);
    expect(hammingSimilarity(2, 4)).toBe(0);
    expect(hammingSimilarity(0, 4)).toBe(1);
  });
});

describe("bytesPerVector", () => {
  it("is 4d, d and d/8 rounded up", () => {
    expect([bytesPerVector("float32", 384), bytesPerVector("int8", 384), bytesPerVector("binary", 384), bytesPerVector("binary", 10)]).toEqual([1536, 384, 48, 2]);
  });
});
