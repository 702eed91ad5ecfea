/** GET /api/calibration?model=<id>: how a model's scores read against unrelated and similar pairs (CalibrationResponse). */
import { z } from "zod";
import { idField } from "./fields";
import type { Pooling, Timings } from "./wire-types";

export const calibrationQuerySchema = z.object({
  /** @default the default model */
  model: idField("a model id such as all-MiniLM-L6-v2").optional(),
  /** Answer at once: the calibration if it is cached, else how far its computation has got (and start it). */
  progress: z.enum(["1", "true"], { error: 'expected "1" or "true" to ask for progress' }).optional(),
});

/** What `?progress=1` answers while the calibration is being computed (the sentences embedded so far). */
export interface CalibrationProgress {
  model: string;
  computing: true;
  done: number;
  total: number;
}

export type CalibrationQuery = z.infer<typeof calibrationQuerySchema>;

export interface PoolingCalibration {
  /** Cosines of random unrelated sentence pairs: where "nothing in common" sits for this model and pooling. */
  random: { p05: number; p50: number; p95: number; p99: number };
  /** Percentiles 0..100 of the same cosines (101 numbers), to read any score as a percentile. */
  quantiles: number[];
  /** The cut that best separates STS-B pairs with gold >= 4 from gold <= 1, by F1. */
  suggestedThreshold: number;
  f1: number;
}

export interface CalibrationResponse {
  model: string;
  /** The graph the numbers were measured on (int8 and fp32 differ in the third decimal). */
  graph: string;
  dataset: string;
  pairs: { random: number; similar: number; unrelated: number };
  seed: number;
  poolings: Record<Pooling, PoolingCalibration>;
  /** ISO time the numbers were computed; they are then read from the cache. */
  computedAt: string;
  cached: boolean;
  timings: Timings;
}
