import { describe, expect, it } from "vitest";
import { bandOf, isAboveThreshold } from "./bands";

describe("bandOf (the article's bands)", () => {
  it.each([
    [0.65, "high"],
    [0.99, "high"],
    [0.6499, "medium"],
    [0.45, "medium"],
    [0.4499, "weak"],
    [0.35, "weak"],
    [0.3499, "unrelated"],
    [-0.2, "unrelated"],
  ])("%f is %s", (score, band) => {
    expect(bandOf(score)).toBe(band);
  });
});

describe("isAboveThreshold", () => {
  it("counts a score equal to the threshold as above", () => {
    expect(isAboveThreshold(0.4, 0.4)).toBe(true);
    expect(isAboveThreshold(0.3999, 0.4)).toBe(false);
  });
});
