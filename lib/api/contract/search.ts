/**
 * POST /api/search: rank a knowledge base against a query (answers SearchResponse). Give `kbId` (from
 * POST /api/kb) or `entries` (a one-off search), not both. What parses here is lib/kb's SearchInput: every check
 * is made here, an unknown pooling and a blank query with their own error codes.
 */
import { z } from "zod";
import type { SearchInput } from "../../kb/types";
import { CORRECTIONS } from "../../pooling/correction-names";
import { LAYER_AVERAGES } from "../../pooling/layers";
import { PRECISIONS } from "../../pooling/precision";
import { POOLINGS } from "../../pooling/strategies";
import { idField, poolingListField, searchQueryField, stringList } from "./fields";
import { DEFAULT_TOP_K, MAX_TOP_K, MIN_TOP_K } from "./limits";

const layerError = `expected a layer: an integer from 0 (the embeddings) to the model's last, "last", ${LAYER_AVERAGES.map((a) => `"${a}"`).join(" or ")}`;
// The model's own bound is checked by the engine, which knows how many layers it has.
const MAX_LAYER_NUMBER = 1_000;

/** A layer as the search and explain routes take it; "last" reads as the default. */
export const layerField = z
  .union([z.int().min(0).max(MAX_LAYER_NUMBER), z.enum([...LAYER_AVERAGES, "last"])], { error: layerError })
  .transform((layer) => (layer === "last" ? undefined : layer));
export const correctionField = z.enum(CORRECTIONS, { error: `expected a correction: ${CORRECTIONS.join(", ")}` });

const topKError = `expected an integer from ${MIN_TOP_K} to ${MAX_TOP_K}`;
// Duplicates are allowed (and merged) but a list longer than this is not a list of poolings.
const MAX_POOLING_NAMES = POOLINGS.length * 2;

export const searchRequestSchema = z
  .object({
    kbId: idField("a kbId returned by POST /api/kb").optional(),
    model: idField("a model id such as all-MiniLM-L6-v2").optional(),
    entries: stringList({ list: "expected an array of strings, one knowledge-base entry each", element: "expected each entry to be a string" }).optional(),
    query: searchQueryField("expected the text to search for, as a string"),
    /** @default [the model's native pooling] */
    poolings: poolingListField(MAX_POOLING_NAMES, `expected at most ${MAX_POOLING_NAMES} pooling names (there are ${POOLINGS.length})`).optional(),
    /** @default 10 */
    topK: z.int({ error: topKError }).min(MIN_TOP_K, { error: topKError }).max(MAX_TOP_K, { error: topKError }).default(DEFAULT_TOP_K),
    /** Add `results.keyword`: BM25 hits with their own scores. */
    keyword: z.boolean({ error: "expected true or false" }).optional(),
    /** Add `results.hybrid`: keyword and the first pooling fused by reciprocal rank. */
    hybrid: z.boolean({ error: "expected true or false" }).optional(),
    /** Only entries whose metadata (a table's other columns) has these values. */
    filter: z
      .record(z.string().max(200), z.string({ error: "expected each filter value to be a string" }).max(200), { error: 'expected an object of column names and values, such as {"category": "fruit"}' })
      .refine((filter) => Object.keys(filter).length <= 20, { error: "expected at most 20 filter columns" })
      .optional(),
    /** Rank on a Matryoshka cut: the first `dimensions` of each vector, renormalized (models that declare it). @default all */
    dimensions: z.int({ error: "expected a positive integer" }).min(1, { error: "expected a positive integer" }).optional(),
    /** @default the last layer */
    layer: layerField.optional(),
    /** Fitted on the knowledge base's own vectors. @default "none" */
    correction: correctionField.optional(),
    /** Whitening keeps this many leading components (BERT-whitening's k). @default all the knowledge base has */
    whiteningDims: z.int({ error: "expected whiteningDims to be a whole number from 1 to 4096" }).min(1, { error: "expected whiteningDims to be a whole number from 1 to 4096" }).max(4096, { error: "expected whiteningDims to be a whole number from 1 to 4096" }).optional(),
    /** @default "float32" */
    precision: z.enum(PRECISIONS, { error: `expected a precision: ${PRECISIONS.join(", ")}` }).optional(),
  })
  .refine((body) => (body.kbId === undefined) !== (body.entries === undefined), {
    error: (issue) => {
      const body = issue.input as { kbId?: unknown };
      return `expected either \`kbId\` (from POST /api/kb) or \`entries\` (a one-off search), got ${body.kbId === undefined ? "neither" : "both"}`;
    },
  }) satisfies z.ZodType<SearchInput>;

export type SearchRequest = z.infer<typeof searchRequestSchema>;
/** What a caller sends (topK may be left out). */
export type SearchRequestInput = z.input<typeof searchRequestSchema>;
