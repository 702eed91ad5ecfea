/**
 * POST /api/explain: which tokens of the query and of one entry drove their score under one pooling (answers
 * ExplainResponse). Give `kbId` or `entries` (the same cleaned list a one-off search ranks), not both.
 */
import { z } from "zod";
import { idField, queryField, stringList } from "./fields";
import type { Pooling, Timings } from "./wire-types";

/**
 * Leave-one-out re-embeds a text once per token: at most this many tokens of each text are left out in turn
 * (the rest read as null). 128 variants of a 256-token entry are one or two forward batches on a small model.
 */
export const MAX_LEAVE_ONE_OUT_TOKENS = 128;

export const explainRequestSchema = z
  .object({
    kbId: idField("a kbId returned by POST /api/kb").optional(),
    /** @default the knowledge base's model, else the default model */
    model: idField("a model id such as all-MiniLM-L6-v2").optional(),
    entries: stringList({ list: "expected an array of strings, one knowledge-base entry each", element: "expected each entry to be a string" }).optional(),
    query: queryField("expected the text that was searched for, as a string"),
    /** The entry's index in the cleaned knowledge base (SearchHit.index). */
    index: z.int({ error: "expected the entry's index (an integer from 0) as a search result gives it" }).min(0, { error: "expected an index from 0" }),
    pooling: z.string({ error: 'expected one pooling name such as "mean"' }).max(32, { error: "expected a pooling name of at most 32 characters" }),
  })
  .refine((body) => (body.kbId === undefined) !== (body.entries === undefined), {
    error: (issue) => `expected either \`kbId\` (from POST /api/kb) or \`entries\`, got ${(issue.input as { kbId?: unknown }).kbId === undefined ? "neither" : "both"}`,
  });

export type ExplainRequest = z.infer<typeof explainRequestSchema>;

export const EXPLAIN_METHODS = ["exact-mean", "leave-one-out"] as const;
/** exact-mean: each token's term of the cosine (they sum to the score). leave-one-out: score minus score without it. */
export type ExplainMethod = (typeof EXPLAIN_METHODS)[number];

export interface TokenContribution {
  /** How the token reads ("##ing", "[CLS]"). */
  text: string;
  /** Its share of the score (exact-mean) or the score it takes away when left out; null past the leave-one-out cap. */
  contribution: number | null;
  special: boolean;
}

export interface ExplainedText {
  text: string;
  tokens: TokenContribution[];
  /** Sum of the contributions (equals the score under exact-mean). */
  total: number;
}

export interface ExplainResponse {
  model: string;
  pooling: Pooling;
  index: number;
  score: number;
  method: ExplainMethod;
  /** The method in words, with its bounds ("first 128 tokens of each text"). */
  methodNote: string;
  query: ExplainedText;
  entry: ExplainedText;
  timings: Timings;
}
