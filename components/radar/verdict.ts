/**
 * One verdict per result row. The verdict is the colour: green when the score is at or above the threshold. What
 * the model's calibration says about the score (its percentile among random, unrelated sentence pairs on this
 * model and pooling) is secondary text, and it is shown only where it agrees with the verdict:
 * - on a green row when the score beats at least 95% of random pairs (the match stands out from noise);
 * - on a grey row when random pairs reach the score (it is below their 99th percentile).
 * A row where the two would disagree shows no secondary text; the column counts such rows in one note with the
 * model's suggested threshold. The article's bands (measured on Qwen3-Embedding-4B) label no row. docs/room.md
 * explains the rule. Pure.
 */
import type { PoolingCalibration } from "@/lib/api/contract";
import { percentileRank } from "@/lib/eval/calibration-math";
import { isAboveThreshold } from "@/lib/kb/bands";

/** A green row's percentile must reach this to be shown. */
export const GREEN_SUPPORT_PERCENTILE = 95;
/** A grey row's percentile must stay under this to be shown. */
export const GREY_SUPPORT_PERCENTILE = 99;
// percentileRank reports 100 only past the last quantile: "higher than every random pair measured".
const EVERY_PAIR = 99.95;

export type Standing =
  | { kind: "above-every-pair" }
  | { kind: "above"; percent: number }
  | { kind: "within"; percentile: number };

export interface Verdict {
  match: boolean;
  /** Null before the calibration arrives, or where it would disagree with the verdict. */
  standing: Standing | null;
  /** The calibration disagrees with the verdict: counted in the column's note instead of said on the row. */
  disputed: boolean;
}

export function verdictOf(score: number, threshold: number, calibration: PoolingCalibration | undefined): Verdict {
  const match = isAboveThreshold(score, threshold);
  if (!calibration) return { match, standing: null, disputed: false };
  const rank = percentileRank(calibration.quantiles, score);
  if (match) {
    if (rank >= EVERY_PAIR) return { match, standing: { kind: "above-every-pair" }, disputed: false };
    if (rank >= GREEN_SUPPORT_PERCENTILE) return { match, standing: { kind: "above", percent: Math.floor(rank) }, disputed: false };
    return { match, standing: null, disputed: true };
  }
  if (rank < GREY_SUPPORT_PERCENTILE) return { match, standing: { kind: "within", percentile: Math.floor(rank) }, disputed: false };
  return { match, standing: null, disputed: true };
}

/** How many green and grey rows of a column the calibration disputes (the column's note). */
export function disputes(scores: readonly number[], threshold: number, calibration: PoolingCalibration | undefined): { green: number; grey: number } {
  let green = 0;
  let grey = 0;
  for (const score of scores) {
    const verdict = verdictOf(score, threshold, calibration);
    if (verdict.disputed && verdict.match) green++;
    if (verdict.disputed && !verdict.match) grey++;
  }
  return { green, grey };
}
