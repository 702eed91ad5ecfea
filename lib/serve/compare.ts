/**
 * TEI's /similarity and /rerank on a bi-encoder: both sides embedded by the same path as /embed (embed-texts.ts)
 * and scored by cosine. Not a cross-encoder: the query and a text never see each other inside the model, which
 * is what the radar shows. Server-only.
 */
import "server-only";
import { admission, type TextKind, type TruncationDirection } from "../engine";
import type { Pooling } from "../pooling/strategies";
import { dot, embedTexts, rowOf, type EmbeddedTexts, type ServeTimings } from "./embed-texts";

export interface Scored {
  model: string;
  /** Cosine of the source (query) with each sentence (text), in input order. */
  scores: number[];
  tokens: number;
  timings: ServeTimings;
}

interface Common {
  model?: string;
  pooling?: Pooling;
  truncate?: boolean;
  truncation?: TruncationDirection;
  signal?: AbortSignal;
}

/** Source and sentences embedded together, with the same prompt (TEI's prompt_name applies to all of them). */
export async function similarity(request: Common & { source: string; sentences: readonly string[]; kind?: TextKind }): Promise<Scored> {
  const { source, sentences, ...rest } = request;
  const embedded = await embedTexts({ ...rest, texts: [source, ...sentences] });
  const first = rowOf(embedded.vectors, embedded.dims, 0);
  const scores = sentences.map((_, i) => dot(first, rowOf(embedded.vectors, embedded.dims, i + 1)));
  return { model: embedded.model, scores, tokens: sum(embedded.tokenCounts), timings: embedded.timings };
}

/** The query embedded as a query (the model's query prompt), the texts as documents: as the radar ranks. */
export async function rerank(request: Common & { query: string; texts: readonly string[] }): Promise<Scored> {
  const { query, texts, ...rest } = request;
  const started = performance.now();
  // One permit for the request, though the query and the texts are embedded in two calls.
  const permit = admission().acquire();
  let q: EmbeddedTexts;
  let docs: EmbeddedTexts;
  try {
    q = await embedTexts({ ...rest, texts: [query], kind: "query", permit });
    docs = await embedTexts({ ...rest, texts, kind: "document", permit });
  } finally {
    permit.release();
  }
  const queryRow = rowOf(q.vectors, q.dims, 0);
  const scores = texts.map((_, i) => dot(queryRow, rowOf(docs.vectors, docs.dims, i)));
  const timings: ServeTimings = {
    tokenizeMs: q.timings.tokenizeMs + docs.timings.tokenizeMs,
    queueMs: q.timings.queueMs + docs.timings.queueMs,
    inferenceMs: q.timings.inferenceMs + docs.timings.inferenceMs,
    totalMs: performance.now() - started,
  };
  return { model: docs.model, scores, tokens: sum(q.tokenCounts) + sum(docs.tokenCounts), timings };
}

function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
