import { z } from "zod";
import { GRAPHS } from "../../engine/types";
import { STS_DATASETS } from "../../eval/sts-datasets";
import { idField } from "./fields";

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
