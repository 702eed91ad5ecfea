import { describe, expect, it } from "vitest";
import { heatColor, heatScale, heatTextClass } from "./heat";

describe("heat colours", () => {
  it("scales by the largest magnitude, nulls ignored", () => {
    expect(heatScale([0.1, -0.3, null])).toBe(0.3);
    expect(heatScale([])).toBeGreaterThan(0);
  });

  it("is white at 0, full orange at +scale, full blue at -scale", () => {
    expect(heatColor(0, 1)).toBe("rgb(255, 255, 255)");
    expect(heatColor(1, 1)).toBe("rgb(234, 88, 12)");
    expect(heatColor(-2, 1)).toBe("rgb(37, 99, 235)");
    expect(heatColor(null, 1)).toBe("transparent");
  });

  it("switches to white text on strong cells", () => {
    expect(heatTextClass(0.9, 1)).toBe("text-white");
    expect(heatTextClass(0.1, 1)).toBe("text-slate-900");
  });
});
