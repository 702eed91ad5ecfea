import { z } from "zod";
import { GRAPHS } from "../../engine/types";
import { STS_DATASETS } from "../../eval/sts-datasets";
import type { LabStsEvent } from "../../lab/sts-types";
import { idField } from "./fields";
import type { ApiErrorBody } from "./wire-types";

export type { LabSts, LabStsDataset, LabStsEvent } from "../../lab/sts-types";

/** GET /api/lab/sts?model=&graph=&dataset= (the cached result) and POST /api/lab/sts (compute, streamed). */
export const stsRequestSchema = z.strictObject(
  {
    model: idField("a model id").trim(),
    graph: z.enum(GRAPHS, { error: `expected one of ${GRAPHS.join(", ")}` }).optional(),
    dataset: z.enum(STS_DATASETS, { error: `expected one of ${STS_DATASETS.join(", ")}` }).optional(),
  },
  { error: "expected an object {model, graph?, dataset?}" },
);

export type StsRequestBody = z.infer<typeof stsRequestSchema>;

/** The NDJSON events of POST /api/lab/sts: the lab's events, or the error event lib/api/ndjson.ts ends a failed stream with. */
export type LabStsStreamEvent = LabStsEvent | ({ type: "error" } & ApiErrorBody);
