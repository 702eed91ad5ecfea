/** How a score reads against a model's random pairs, in words for a row. Pure. */
import type { PoolingCalibration } from "@/lib/api/contract";
import { percentileRank } from "@/lib/eval/calibration-math";

/** "above 99% of unrelated pairs"; "below half of unrelated pairs" when it sits under the median. */
export function percentileReading(score: number, calibration: PoolingCalibration | undefined): string | undefined {
  if (!calibration) return undefined;
  const rank = percentileRank(calibration.quantiles, score);
  if (rank >= 99.95) return "above every unrelated pair measured";
  if (rank < 50) return `below half of unrelated pairs (${Math.floor(rank)}th percentile)`;
  return `above ${Math.floor(rank)}% of unrelated pairs`;
}

/** This model's own bands from its calibration: what random pairs reach, and where similar pairs start. */
export function modelBands(calibration: PoolingCalibration): { label: string; min: number }[] {
  return [
    { label: "similar (suggested threshold)", min: calibration.suggestedThreshold },
    { label: "above 99% of unrelated", min: calibration.random.p99 },
    { label: "typical unrelated (median)", min: calibration.random.p50 },
  ];
}
