/**
 * POST /api/explain: which tokens of the query and of one entry drove their score under one pooling (answers
 * ExplainResponse). Give `kbId` or `entries` (the same cleaned list a one-off search ranks), not both.
 */
import { z } from "zod";
import type { ExplainInput, Explanation } from "../../kb/explain-types";
import { correctionField, layerField } from "./search";
import { idField, poolingField, searchQueryField, stringList } from "./fields";

export { EXPLAIN_METHODS, MAX_LEAVE_ONE_OUT_TOKENS } from "../../kb/explain-types";
export type { ExplainedText, ExplainMethod, TokenContribution } from "../../kb/explain-types";

export const explainRequestSchema = z
  .object({
    kbId: idField("a kbId returned by POST /api/kb").optional(),
    /** @default the knowledge base's model, else the default model */
    model: idField("a model id such as all-MiniLM-L6-v2").optional(),
    entries: stringList({ list: "expected an array of strings, one knowledge-base entry each", element: "expected each entry to be a string" }).optional(),
    query: searchQueryField("expected the text that was searched for, as a string"),
    /** The entry's index in the cleaned knowledge base (SearchHit.index). */
    index: z.int({ error: "expected the entry's index (an integer from 0) as a search result gives it" }).min(0, { error: "expected an index from 0" }),
    pooling: poolingField('expected one pooling name such as "mean"', 32),
    /** As in POST /api/search. @default the last layer */
    layer: layerField.optional(),
    /** As in POST /api/search, fitted on the knowledge base. @default "none" */
    correction: correctionField.optional(),
  })
  .refine((body) => (body.kbId === undefined) !== (body.entries === undefined), {
    error: (issue) => `expected either \`kbId\` (from POST /api/kb) or \`entries\`, got ${(issue.input as { kbId?: unknown }).kbId === undefined ? "neither" : "both"}`,
  }) satisfies z.ZodType<ExplainInput>;

export type ExplainRequest = z.infer<typeof explainRequestSchema>;

export type ExplainResponse = Explanation;
