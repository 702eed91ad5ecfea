import { z } from "zod";
import { GRAPHS } from "@/lib/engine/types";
import { STS_DATASETS } from "@/lib/eval/sts";

/** GET /api/lab/sts?model=&graph=&dataset= (the cached result) and POST /api/lab/sts (compute, streamed). */
export const stsRequestSchema = z.strictObject(
  {
    model: z.string({ error: "expected a model id" }).trim().min(1, { error: "expected a model id" }),
    graph: z.enum(GRAPHS, { error: `expected one of ${GRAPHS.join(", ")}` }).optional(),
    dataset: z.enum(STS_DATASETS, { error: `expected one of ${STS_DATASETS.join(", ")}` }).optional(),
  },
  { error: "expected an object {model, graph?, dataset?}" },
);

export type StsRequestBody = z.infer<typeof stsRequestSchema>;
