/** POST /api/kb: embed a knowledge base under every pooling and keep it server-side (answers NDJSON: KbEvent). */
import { z } from "zod";
import type { KbInput } from "../../kb/types";
import { idField, stringList } from "./fields";

export const kbRequestSchema = z.object({
  /** @default the default model */
  model: idField("a model id such as all-MiniLM-L6-v2").optional(),
  /** One knowledge-base entry each; blank, symbol-only and duplicate entries are dropped and reported. */
  entries: stringList({ list: "expected an array of strings, one knowledge-base entry each", element: "expected each entry to be a string" }),
}) satisfies z.ZodType<KbInput>;

export type KbRequest = z.infer<typeof kbRequestSchema>;
