import { describe, expect, it } from "vitest";
import { agreement, neighbourBaseline, parseGpuSamples, ratio, textsPerSecond } from "./compare";

// Three 2-d rows: [1,0], [0,1], [0.6,0.8]
const A = Float32Array.from([1, 0, 0, 1, 0.6, 0.8]);

describe("agreement", () => {
  it("is 1 for identical matrices and finds the worst row", () => {
    expect(agreement(A, A, 2)).toEqual({ min: 1, mean: 1, worst: 0 });
    const b = Float32Array.from([1, 0, 1, 0, 0.6, 0.8]); // row 1 turned by 90 degrees
    expect(agreement(A, b, 2)).toEqual({ min: 0, mean: 2 / 3, worst: 1 });
  });

  it("ignores scale (cosine, not dot product)", () => {
    expect(agreement(A, A.map((x) => x * 3), 2).min).toBeCloseTo(1, 6);
  });

  it("refuses matrices of different shapes", () => {
    expect(() => agreement(A, A.subarray(0, 4), 2)).toThrow(/^expected two non-empty \[count, 2\] matrices of one size, got 6 and 4 values$/);
  });
});

describe("neighbourBaseline", () => {
  it("averages the cosine of each row with the next", () => {
    expect(neighbourBaseline(A, 2)).toBeCloseTo((0 + 0.8) / 2, 6);
    expect(neighbourBaseline(A.subarray(0, 2), 2)).toBeNaN();
  });
});

describe("textsPerSecond and ratio", () => {
  it("computes throughput and leaves missing paths without a ratio", () => {
    expect(textsPerSecond(2000, 500)).toBe(4000);
    expect(ratio(3000, 1500)).toBe(2);
    expect(ratio(undefined, 1500)).toBeNull();
    expect(ratio(100, NaN)).toBeNull();
  });
});

describe("parseGpuSamples", () => {
  it("reads nvidia-smi's utilization and memory samples", () => {
    expect(parseGpuSamples("0, 512\n87, 2048\n\n93, 1900\n")).toEqual({ samples: 3, maxUtilizationPercent: 93, memoryBeforeMiB: 512, memoryPeakMiB: 2048 });
  });

  it("is null when nothing was sampled or the lines are not samples", () => {
    expect(parseGpuSamples("")).toBeNull();
    expect(parseGpuSamples("[N/A], [N/A]\nNo devices were found")).toBeNull();
  });
});
