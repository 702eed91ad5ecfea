/** GET /api/calibration?model=<id>: how a model's scores read against unrelated and similar pairs (CalibrationResponse). */
import { z } from "zod";
import type { Calibration } from "../../eval/calibration-types";
import { idField } from "./fields";
import type { Timings } from "./wire-types";

export type { PoolingCalibration } from "../../eval/calibration-types";

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

export type CalibrationResponse = Calibration & {
  /** True when the numbers were read from the cache, not computed for this request. */
  cached: boolean;
  timings: Timings;
};
