import { describe, expect, it } from "vitest";
import { contrastRatio, heatColor, heatScale } from "./heat";

describe("heat colours", () => {
  it("scales by the largest magnitude, nulls ignored", () => {
    expect(heatScale([0.1, -0.3, null])).toBe(0.3);
    expect(heatScale([])).toBeGreaterThan(0);
  });

  it("is white at 0, full orange at +scale, full blue at -scale", () => {
    expect(heatColor(0, 1)).toBe("rgb(255, 255, 255)");
    expect(heatColor(1, 1)).toBe("rgb(234, 88, 12)");
    expect(heatColor(-2, 1)).toBe("rgb(59, 130, 246)");
    expect(heatColor(null, 1)).toBe("transparent");
  });

  it("keeps slate-900 text at 4.5:1 or more on every shade, both directions", () => {
    const slate900 = [15, 23, 42];
    for (let t = -1; t <= 1.0001; t += 0.05) {
      const [r, g, b] = heatColor(t, 1).match(/\d+/g)!.map(Number);
      expect(contrastRatio([r, g, b], slate900)).toBeGreaterThanOrEqual(4.5);
    }
  });
});
