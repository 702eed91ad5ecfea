import { z } from "zod";
import { idField } from "./fields";
import { GRAPHS } from "../../engine/types";
import { SCENARIO_LANGS, scenarioListSchema } from "../../lab/scenarios/index";

/** POST /api/lab: run the article's scenarios (lang) or a person's own (scenarios) on one installed model. */
export const labRequestSchema = z
  .strictObject(
    {
      model: idField("a model id").trim(),
      graph: z.enum(GRAPHS, { error: `expected one of ${GRAPHS.join(", ")}` }).optional(),
      lang: z.enum(SCENARIO_LANGS, { error: `expected one of ${SCENARIO_LANGS.join(", ")}` }).optional(),
      scenarios: scenarioListSchema.optional(),
    },
    { error: "expected an object {model, graph?, lang?, scenarios?}" },
  )
  .refine((body) => !(body.lang && body.scenarios), {
    error: "expected lang (the article's scenarios) or scenarios (your own), not both",
  });

export type LabRequestBody = z.infer<typeof labRequestSchema>;
