import { describe, expect, it } from "vitest";
import { quantiles } from "@/lib/eval/calibration-math";
import { disputes, verdictOf } from "./verdict";

// Random pairs score uniformly from 0 to 1: a score's percentile is its value x 100.
const uniform = quantiles(Array.from({ length: 1001 }, (_, i) => i / 1000));
const calibration = { random: { p05: 0.05, p50: 0.5, p95: 0.95, p99: 0.99 }, quantiles: uniform, suggestedThreshold: 0.7, f1: 0.9 };

describe("verdictOf", () => {
  it("is green exactly at and above the threshold, with nothing more before the calibration arrives", () => {
    expect(verdictOf(0.4, 0.4, undefined)).toEqual({ match: true, standing: null, disputed: false });
    expect(verdictOf(0.3999, 0.4, undefined)).toEqual({ match: false, standing: null, disputed: false });
  });

  it("says a green row's percentile only when it stands out from random pairs", () => {
    expect(verdictOf(0.97, 0.4, calibration)).toEqual({ match: true, standing: { kind: "above", percent: 97 }, disputed: false });
    expect(verdictOf(1.5, 0.4, calibration)).toEqual({ match: true, standing: { kind: "above-every-pair" }, disputed: false });
    expect(verdictOf(0.6, 0.4, calibration)).toEqual({ match: true, standing: null, disputed: true });
  });

  it("says a grey row's percentile only while random pairs reach it", () => {
    expect(verdictOf(0.1432, 0.4, calibration)).toEqual({ match: false, standing: { kind: "within", percentile: 14 }, disputed: false });
    expect(verdictOf(0.985, 0.99, calibration)).toEqual({ match: false, standing: { kind: "within", percentile: 98 }, disputed: false });
    expect(verdictOf(0.995, 0.999, calibration)).toEqual({ match: false, standing: null, disputed: true });
  });

  it("never pairs a green row with a low standing or a grey row with a high one, at any threshold", () => {
    for (let threshold = 0; threshold <= 1; threshold += 0.05) {
      for (let score = -0.2; score <= 1.2; score += 0.01) {
        const { match, standing } = verdictOf(score, threshold, calibration);
        if (match) expect(standing?.kind ?? "above").not.toBe("within");
        else expect(standing?.kind ?? "within").toBe("within");
      }
    }
  });
});

describe("disputes", () => {
  it("counts the rows whose calibration would disagree with their colour", () => {
    expect(disputes([0.97, 0.6, 0.55, 0.3, 0.995], 0.5, calibration)).toEqual({ green: 2, grey: 0 });
    expect(disputes([0.995, 0.992, 0.2], 0.999, calibration)).toEqual({ green: 0, grey: 2 });
    expect(disputes([0.6], 0.5, undefined)).toEqual({ green: 0, grey: 0 });
  });
});
