/**
 * The one embedding path behind /v1/embeddings, TEI's /embed, /similarity and /rerank: model lookup, a place in
 * the admission limit (429), the token limits, then the model's worker engine with one pooling, then Matryoshka
 * truncation. The radar embeds through the same engine call (engine.embed with kind and pooling), so for the same
 * text, model and pooling all of them give the same vector. Server-only.
 */
import "server-only";
import { admission, defaultModelId, getModelInfo, loadEngine, type EmbeddingEngine, type ModelInfo, type Permit, type TextKind, type TruncationDirection } from "../engine";
import type { Pooling } from "../pooling/strategies";
import { checkDimensions, type UndeclaredCut } from "../engine/dimensions-rule";
import { keepDimensions, scaleRows, truncateDimensions } from "./dimensions";
import { checkTokenLimits } from "./token-limits";

export interface EmbedTextsRequest {
  /** @default the default model */
  model?: string;
  texts: readonly string[];
  /** "query" adds the model's query prompt. @default "document" */
  kind?: TextKind;
  /** @default the model's native pooling */
  pooling?: Pooling;
  /** Keep the first `dimensions` components and re-normalize. @default all */
  dimensions?: number;
  /** A cut of a model whose card declares no Matryoshka training: "refuse" (OpenAI) or "cut" (TEI). @default "refuse" */
  undeclaredCut?: UndeclaredCut;
  /** Cut inputs longer than the model's window (true) or refuse them (false). @default true */
  truncate?: boolean;
  /** Which end of a long input is cut. @default "right" (keeps the start) */
  truncation?: TruncationDirection;
  /** false: the pooled vectors as they are, not L2-normalized (TEI's normalize). @default true */
  normalize?: boolean;
  signal?: AbortSignal;
  /** The request's permit when the caller took it (a rerank embeds twice under one); else this call takes its own. */
  permit?: Permit;
}

/** What the adapters need: the rows, the tokens the model read, and the stage timings (milliseconds). */
export interface EmbeddedTexts {
  model: string;
  pooling: Pooling;
  dims: number;
  /** Rows, [count, dims] row-major, in input order; L2-normalized unless the request said normalize: false. */
  vectors: Float32Array;
  /** Tokens the model read for each input (after truncation, specials and prompt included). */
  tokenCounts: number[];
  timings: ServeTimings;
}

export interface ServeTimings {
  tokenizeMs: number;
  queueMs: number;
  inferenceMs: number;
  totalMs: number;
}

/** The installed model a request names (or the default one); unknown ids are model_not_found. */
export function requireModel(id: string | undefined): ModelInfo {
  return getModelInfo(id ?? defaultModelId());
}

/**
 * The request's permit (429 when none is left; `held` when the caller took it) and the model's engine. A permit
 * taken here is released if the load fails.
 */
export async function openEngine(model: ModelInfo, held?: Permit): Promise<{ engine: EmbeddingEngine; permit: Permit }> {
  const permit = held ?? admission().acquire();
  try {
    return { engine: await loadEngine(model.id), permit };
  } catch (error) {
    if (!held) permit.release();
    throw error;
  }
}

export async function embedTexts(request: EmbedTextsRequest): Promise<EmbeddedTexts> {
  const started = performance.now();
  const model = requireModel(request.model);
  const pooling = request.pooling ?? model.nativePooling;
  const kind = request.kind ?? "document";
  if (request.dimensions !== undefined) checkDimensions(model, request.dimensions, request.undeclaredCut ?? "refuse");
  const { engine, permit } = await openEngine(model, request.permit);
  try {
    const countMs = await checkTokenLimits(engine, request.texts, kind, request.truncate ?? true);
    const result = await engine.embed(request.texts, { kind, poolings: [pooling], permit, signal: request.signal, truncation: request.truncation });
    const dims = request.dimensions ?? result.dims;
    const vectors =
      request.normalize === false
        ? keepDimensions(scaleRows(result.embeddings[pooling]!, result.norms[pooling]!, result.dims), result.dims, dims)
        : truncateDimensions(result.embeddings[pooling]!, result.dims, dims);
    const { tokenizeMs, queueMs, inferenceMs } = result.timings;
    return {
      model: model.id,
      pooling,
      dims,
      vectors,
      tokenCounts: result.tokenCounts,
      timings: { tokenizeMs: tokenizeMs + countMs, queueMs, inferenceMs, totalMs: performance.now() - started },
    };
  } finally {
    if (!request.permit) permit.release();
  }
}

/** Row `index` of a [count, dims] matrix (a view, not a copy). */
export function rowOf(vectors: Float32Array, dims: number, index: number): Float32Array {
  return vectors.subarray(index * dims, (index + 1) * dims);
}

/** Dot product of two L2-normalized rows: their cosine. */
export function dot(a: Float32Array, b: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += a[i] * b[i];
  return sum;
}
