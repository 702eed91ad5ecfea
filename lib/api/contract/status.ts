/** GET /api/status?model=<id>&retry=1&rescan=1 (answers StatusResponse). */
import { z } from "zod";
import type { EngineReport, ServingReport } from "../../engine/status";
import type { StoreHealth } from "../../store/types";
import { idField } from "./fields";
import type { Timings } from "./wire-types";

export const statusQuerySchema = z.object({
  /** Which model to warm up. @default the default model */
  model: idField("a model id such as all-MiniLM-L6-v2").optional(),
  /** Retry a failed load of that model. */
  retry: z.enum(["1", "true"], { error: 'expected "1" or "true" to retry a failed load' }).optional(),
  /** Read the models folder again (a model was installed or repaired while the server ran). */
  rescan: z.enum(["1", "true"], { error: 'expected "1" or "true" to rescan the models folder' }).optional(),
  /** Report the event-loop delay of the window so far, then start a new window (benchmarks between phases). */
  resetEventLoop: z.enum(["1", "true"], { error: 'expected "1" or "true" to start a new event-loop window' }).optional(),
});

export type StatusQuery = z.infer<typeof statusQuerySchema>;

/** GET /api/status's body: the engine's report, how busy the server is, the store's health, and how long the answer took. */
export type StatusResponse = EngineReport & { serving: ServingReport; store: StoreHealth; timings: Timings };
