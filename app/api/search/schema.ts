import { z } from "zod";
import { DEFAULT_TOP_K, MAX_TOP_K, MIN_TOP_K } from "@/lib/kb/limits";

/**
 * POST /api/search: rank a knowledge base against a query. Give `kbId` (from POST /api/kb) or `entries` (a
 * one-off search), not both. Pooling names are checked in lib/kb so an unknown one gets its own error code.
 */
export const searchRequestSchema = z
  .object({
    kbId: z.string().min(1, { error: "expected a kbId returned by POST /api/kb" }).optional(),
    model: z.string().min(1, { error: "expected a model id such as all-MiniLM-L6-v2" }).optional(),
    entries: z.array(z.string({ error: "expected each entry to be a string" }), {
      error: "expected an array of strings, one knowledge-base entry each",
    }).optional(),
    query: z.string({ error: "expected the text to search for, as a string" }),
    /** @default [the model's native pooling] */
    poolings: z.array(z.string({ error: "expected pooling names as strings" }), {
      error: "expected an array of pooling names such as [\"cls\", \"mean\"]",
    }).min(1, { error: "expected at least one pooling name" }).optional(),
    /** @default 10 */
    topK: z
      .int({ error: `expected an integer from ${MIN_TOP_K} to ${MAX_TOP_K}` })
      .min(MIN_TOP_K, { error: `expected an integer from ${MIN_TOP_K} to ${MAX_TOP_K}` })
      .max(MAX_TOP_K, { error: `expected an integer from ${MIN_TOP_K} to ${MAX_TOP_K}` })
      .default(DEFAULT_TOP_K),
  })
  .refine((body) => (body.kbId === undefined) !== (body.entries === undefined), {
    error: (issue) => {
      const body = issue.input as { kbId?: unknown };
      return `expected either \`kbId\` (from POST /api/kb) or \`entries\` (a one-off search), got ${body.kbId === undefined ? "neither" : "both"}`;
    },
  });
