import { describe, expect, it } from "vitest";
import { truncateIds } from "./tokenize";

const isSpecial = (id: number) => id >= 100;

describe("truncateIds", () => {
  it("leaves a text within the limit alone", () => {
    expect(truncateIds([100, 1, 2, 101], 4, isSpecial)).toEqual([100, 1, 2, 101]);
  });

  it("keeps the closing special token ([SEP]) when cutting an encoder input", () => {
    expect(truncateIds([100, 1, 2, 3, 4, 101], 4, isSpecial)).toEqual([100, 1, 2, 101]);
  });

  it("keeps the closing EOS of a decoder input", () => {
    expect(truncateIds([1, 2, 3, 4, 102], 3, isSpecial)).toEqual([1, 2, 102]);
  });

  it("cuts plain tokens when nothing special closes the text", () => {
    expect(truncateIds([1, 2, 3, 4], 2, isSpecial)).toEqual([1, 2]);
  });

  it("cut from the left, keeps [CLS] and [SEP] and the end of the text", () => {
    expect(truncateIds([100, 1, 2, 3, 4, 101], 4, isSpecial, "left")).toEqual([100, 3, 4, 101]);
  });

  it("cut from the left, keeps a decoder's closing EOS and the last tokens", () => {
    expect(truncateIds([1, 2, 3, 4, 102], 3, isSpecial, "left")).toEqual([3, 4, 102]);
  });

  it("cut from the left, never returns more than the limit even when specials fill it", () => {
    expect(truncateIds([100, 101, 1, 2, 102, 103], 3, isSpecial, "left")).toHaveLength(3);
    expect(truncateIds([100, 101, 1, 2, 102, 103], 3, isSpecial, "right")).toHaveLength(3);
  });
});
