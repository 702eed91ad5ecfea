import { describe, expect, it } from "vitest";
import { quantiles } from "@/lib/eval/calibration-math";
import { modelBands, percentileReading } from "./reading";

const uniform = quantiles(Array.from({ length: 1001 }, (_, i) => i / 1000));
const calibration = { random: { p05: 0.05, p50: 0.5, p95: 0.95, p99: 0.99 }, quantiles: uniform, suggestedThreshold: 0.7, f1: 0.9 };

describe("percentileReading", () => {
  it("reads a score as a percentile of unrelated pairs", () => {
    expect(percentileReading(0.995, calibration)).toBe("above 99% of unrelated pairs");
    expect(percentileReading(0.5, calibration)).toBe("above 50% of unrelated pairs");
    expect(percentileReading(0.2, calibration)).toBe("below half of unrelated pairs (20th percentile)");
    expect(percentileReading(1.5, calibration)).toBe("above every unrelated pair measured");
    expect(percentileReading(0.5, undefined)).toBeUndefined();
  });

  it("offers the model's own bands, highest first", () => {
    expect(modelBands(calibration).map((b) => b.min)).toEqual([0.7, 0.99, 0.5]);
  });
});
