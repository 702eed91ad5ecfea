/** How a model's scores read against unrelated and similar pairs: what lib/eval/calibration.ts computes. Types only. */
import type { Pooling } from "../pooling/strategies";

export interface PoolingCalibration {
  /** Cosines of random unrelated sentence pairs: where "nothing in common" sits for this model and pooling. */
  random: { p05: number; p50: number; p95: number; p99: number };
  /** Percentiles 0..100 of the same cosines (101 numbers), to read any score as a percentile. */
  quantiles: number[];
  /** The cut that best separates STS-B pairs with gold >= 4 from gold <= 1, by F1. */
  suggestedThreshold: number;
  f1: number;
}

export interface Calibration {
  model: string;
  /** The graph the numbers were measured on (int8 and fp32 differ in the third decimal). */
  graph: string;
  dataset: string;
  pairs: { random: number; similar: number; unrelated: number };
  seed: number;
  poolings: Record<Pooling, PoolingCalibration>;
  /** ISO time the numbers were computed; they are then read from the cache. */
  computedAt: string;
}
