import { z } from "zod";

/** POST /api/kb: embed a knowledge base under every pooling and keep it server-side. */
export const kbRequestSchema = z.object({
  /** @default the default model */
  model: z.string().min(1, { error: "expected a model id such as all-MiniLM-L6-v2" }).optional(),
  /** One knowledge-base entry each; blank, symbol-only and duplicate entries are dropped and reported. */
  entries: z.array(z.string({ error: "expected each entry to be a string" }), {
    error: "expected an array of strings, one knowledge-base entry each",
  }),
});
