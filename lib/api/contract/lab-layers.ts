import { z } from "zod";
import { STS_DATASETS } from "../../eval/sts-datasets";
import type { LayerSweep } from "../../lab/layer-sweep";
import { idField } from "./fields";
import type { ApiErrorBody } from "./wire-types";

export type { LayerSweep, LayerGrid } from "../../lab/layer-sweep";

/** The most pairs a sweep takes (the STS-B test sets have 1,379 and 1,361). */
export const MAX_LAYER_PAIRS = 1_500;
export const MIN_LAYER_PAIRS = 20;
const pairsError = `expected a whole number of pairs from ${MIN_LAYER_PAIRS} to ${MAX_LAYER_PAIRS}`;

/** GET /api/lab/layers?model=&dataset=&pairs= (the cached sweep) and POST /api/lab/layers (compute, streamed). */
export const layersRequestSchema = z.strictObject(
  {
    model: idField("a model id").trim(),
    dataset: z.enum(STS_DATASETS, { error: `expected one of ${STS_DATASETS.join(", ")}` }).optional(),
    /** @default 300 */
    pairs: z.coerce.number({ error: pairsError }).int({ error: pairsError }).min(MIN_LAYER_PAIRS, { error: pairsError }).max(MAX_LAYER_PAIRS, { error: pairsError }).optional(),
  },
  { error: "expected an object {model, dataset?, pairs?}" },
);

export type LayersRequestBody = z.infer<typeof layersRequestSchema>;

export type LabLayersEvent = { type: "progress"; done: number; total: number } | { type: "done"; result: LayerSweep };
export type LabLayersStreamEvent = LabLayersEvent | ({ type: "error" } & ApiErrorBody);
