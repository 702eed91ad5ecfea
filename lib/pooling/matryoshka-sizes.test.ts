import { describe, expect, it } from "vitest";
import { cutSizes } from "./matryoshka-sizes";

describe("cutSizes", () => {
  it("offers powers of two from 32 below the full size, then the full size", () => {
    expect(cutSizes(1024)).toEqual([32, 64, 128, 256, 512, 1024]);
    expect(cutSizes(384)).toEqual([32, 64, 128, 256, 384]);
  });

  it("starts at the declared minimum, rounded up to a power of two", () => {
    expect(cutSizes(1024, 100)).toEqual([128, 256, 512, 1024]);
    expect(cutSizes(8, 2)).toEqual([2, 4, 8]);
  });

  it("keeps only the full size when the minimum is not below it (a 16-d toy with Qwen3's minimum of 32)", () => {
    expect(cutSizes(16, 32)).toEqual([16]);
  });

  it("uses the sizes a card lists, within range, sorted and without repeats", () => {
    expect(cutSizes(768, 64, [768, 512, 256, 128, 64, 64, 1024, 16])).toEqual([64, 128, 256, 512, 768]);
  });
});
