import { z } from "zod";

/** GET /api/status?model=<id>&retry=1: which model to warm up (default: the default model). */
export const statusQuerySchema = z.object({
  model: z.string().min(1, { error: "expected a model id such as all-MiniLM-L6-v2" }).optional(),
  retry: z.enum(["1", "true"], { error: 'expected "1" or "true" to retry a failed load' }).optional(),
});
