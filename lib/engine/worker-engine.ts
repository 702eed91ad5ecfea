/**
 * The engine the server uses: the model lives in a worker thread (worker/embed-worker.ts) and the main thread
 * only schedules (scheduler.ts) and copies rows. Short calls are coalesced into one forward pass; long ones are
 * tokenized in chunks, planned into length-bucketed batches, and run one batch per turn. Server-only.
 */
import { AppError } from "../errors";
import { POOLINGS } from "../pooling/strategies";
import { admission } from "./admission";
import { planBatches } from "./batch";
import { allocateRows, BATCH_LIMITS, checkTexts, encodedRow, scatterRows } from "./engine";
import { Scheduler, type Encoding } from "./scheduler";
import { MAX_STATE_TEXTS, type DeviceChoice, type EmbedOptions, type EmbedResult, type EmbeddingEngine, type EmbedTokensOptions, type Graph, type LoadedModelInfo, type ModelInfo, type TokenEmbeddings, type TokenRow, type TokenSpan, type TokenSpanOptions, type TokenStates, type TokenStatesOptions, type Truncation } from "./types";
import { packTokens, selectTokens, tokenOffsets, transferablesOf, type PackedTokens } from "./worker/packed";
import type { EmbedReply, EmbedWorkerRequest, ForwardReply, LoadReply, TokenizeReply } from "./worker/protocol";
import { WorkerThread } from "./worker/thread";

export const EMBED_WORKER_ENTRY = "lib/engine/worker/embed-worker.ts";

/** Texts tokenized per worker request in a long job: small enough that a query slips in between chunks. */
const TOKENIZE_CHUNK = 512;

const now = () => performance.now();

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError("cancelled", "the embedding job was cancelled");
}

export class WorkerEmbeddingEngine implements EmbeddingEngine {
  private readonly scheduler: Scheduler;

  constructor(
    readonly info: LoadedModelInfo,
    private readonly thread: WorkerThread,
  ) {
    const { tokenBudget, maxBatchSize } = BATCH_LIMITS[info.device];
    this.scheduler = new Scheduler((texts, { kind, truncation }, poolings) => this.ask<EmbedReply>({ type: "embed", texts, kind, truncation, poolings }), {
      tokenBudget,
      maxBatchTexts: maxBatchSize,
      maxTokens: info.model.maxTokens,
    });
  }

  /** Calls queued or running in this engine's worker. */
  get waiting(): number {
    return this.scheduler.waiting;
  }

  countTokens(texts: readonly string[]): Promise<number[]> {
    return this.scheduler.runBulk(() => this.ask<number[]>({ type: "count", texts: [...texts] }));
  }

  tokenSpans(texts: readonly string[], options: TokenSpanOptions = {}): Promise<TokenSpan[][]> {
    const { kind, addSpecialTokens = true } = options;
    return this.scheduler.runBulk(() => this.ask<TokenSpan[][]>({ type: "spans", texts: [...texts], kind, addSpecialTokens }));
  }

  tokenStates(texts: readonly string[], options: TokenStatesOptions = {}): Promise<TokenStates[]> {
    checkTexts(texts);
    if (texts.length > MAX_STATE_TEXTS) return Promise.reject(new AppError("too_large", `expected at most ${MAX_STATE_TEXTS} texts for token states, got ${texts.length}`));
    const { kind = "document", truncation = "right" } = options;
    return this.scheduler.runBulk(() => this.ask<TokenStates[]>({ type: "states", texts: [...texts], kind, truncation }));
  }

  /** One worker request per length-bucketed batch, so queries are served between them. */
  async embedTokens(rows: readonly TokenRow[], options: EmbedTokensOptions = {}): Promise<TokenEmbeddings> {
    const { poolings = POOLINGS, signal } = options;
    const encoded = rows.map(encodedRow);
    const dims = this.info.model.hiddenSize;
    const { embeddings } = allocateRows(poolings, rows.length, dims); // [count, dims]
    let inferenceMs = 0;
    for (const indices of planBatches(encoded.map((e) => e.ids.length), BATCH_LIMITS[this.info.device])) {
      checkAborted(signal);
      const batch = packTokens(indices.map((i) => encoded[i]));
      const reply = await this.scheduler.runBulk(() => this.ask<ForwardReply>({ type: "forward", tokens: batch, poolings: [...poolings] }, transferablesOf(batch)));
      scatterRows(reply.pooled, embeddings, indices, dims);
      inferenceMs += reply.inferenceMs;
    }
    return { count: rows.length, dims, embeddings, inferenceMs };
  }

  async embed(texts: readonly string[], options: EmbedOptions = {}): Promise<EmbedResult> {
    checkTexts(texts);
    const permit = options.permit ? undefined : admission().acquire();
    try {
      return this.scheduler.isShort(texts) ? await this.embedShort(texts, options) : await this.embedLong(texts, options);
    } finally {
      permit?.release();
    }
  }

  private async embedShort(texts: readonly string[], options: EmbedOptions): Promise<EmbedResult> {
    const { kind = "document", poolings = POOLINGS, signal, onProgress, truncation = "right" } = options;
    const started = now();
    onProgress?.({ type: "tokenized", total: texts.length });
    const result = await this.scheduler.embedShort(texts, { kind, truncation }, poolings, signal);
    onProgress?.({ type: "batch", done: texts.length, total: texts.length });
    const { tokenizeMs, queueMs, inferenceMs, poolMs } = result;
    const embeddings = Object.fromEntries(poolings.map((p) => [p, result.pooled[p]!]));
    const norms = Object.fromEntries(poolings.map((p) => [p, result.norms[p]!]));
    return {
      count: texts.length,
      dims: this.info.model.hiddenSize,
      embeddings,
      norms,
      tokenCounts: result.tokenCounts,
      truncated: result.truncated,
      timings: { tokenizeMs, queueMs, inferenceMs, poolMs, totalMs: now() - started, batchTexts: result.batchTexts },
    };
  }

  private async embedLong(texts: readonly string[], options: EmbedOptions): Promise<EmbedResult> {
    const { kind = "document", poolings = POOLINGS, signal, onProgress, truncation = "right" } = options;
    const started = now();
    const timings = { tokenizeMs: 0, queueMs: 0, inferenceMs: 0, poolMs: 0, totalMs: 0 };
    const { tokens, truncated } = await this.tokenizeInChunks(texts, { kind, truncation }, signal, timings);
    onProgress?.({ type: "tokenized", total: texts.length });

    const dims = this.info.model.hiddenSize;
    const { embeddings, norms } = allocateRows(poolings, texts.length, dims); // [count, dims], [count]
    const offsets = tokenOffsets(tokens.lengths);
    let done = 0;
    for (const indices of planBatches(Array.from(tokens.lengths), BATCH_LIMITS[this.info.device])) {
      checkAborted(signal);
      const batch = selectTokens(tokens, offsets, indices);
      const queued = now();
      const reply = await this.scheduler.runBulk(() => {
        timings.queueMs += now() - queued;
        return this.ask<ForwardReply>({ type: "forward", tokens: batch, poolings: [...poolings] }, transferablesOf(batch));
      });
      scatterRows(reply.pooled, embeddings, indices, dims);
      scatterRows(reply.norms, norms, indices, 1);
      timings.inferenceMs += reply.inferenceMs;
      timings.poolMs += reply.poolMs;
      done += indices.length;
      onProgress?.({ type: "batch", done, total: texts.length });
    }
    timings.totalMs = now() - started;
    return { count: texts.length, dims, embeddings, norms, tokenCounts: Array.from(tokens.lengths), truncated, timings };
  }

  /** Tokenizes in chunks (each one worker request, so queries are served between them) and joins the chunks. */
  private async tokenizeInChunks(
    texts: readonly string[],
    { kind, truncation }: Encoding,
    signal: AbortSignal | undefined,
    timings: { tokenizeMs: number; queueMs: number },
  ): Promise<{ tokens: PackedTokens; truncated: Truncation[] }> {
    const chunks: TokenizeReply[] = [];
    for (let from = 0; from < texts.length; from += TOKENIZE_CHUNK) {
      checkAborted(signal);
      const chunk = texts.slice(from, from + TOKENIZE_CHUNK);
      const queued = now();
      const reply = await this.scheduler.runBulk(() => {
        timings.queueMs += now() - queued;
        return this.ask<TokenizeReply>({ type: "tokenize", texts: chunk, kind, truncation });
      });
      timings.tokenizeMs += reply.tokenizeMs;
      chunks.push({ ...reply, truncated: reply.truncated.map((t) => ({ ...t, index: t.index + from })) });
    }
    return { tokens: joinTokens(chunks.map((c) => c.tokens)), truncated: chunks.flatMap((c) => c.truncated) };
  }

  private ask<T>(request: EmbedWorkerRequest, transfer: ArrayBuffer[] = []): Promise<T> {
    return this.thread.request<T>(request, transfer);
  }

  async dispose(): Promise<void> {
    await this.thread.terminate();
  }
}

function joinTokens(parts: readonly PackedTokens[]): PackedTokens {
  const join = <A extends Int32Array | Uint8Array>(arrays: A[], make: (n: number) => A): A => {
    const out = make(arrays.reduce((sum, a) => sum + a.length, 0));
    let at = 0;
    for (const a of arrays) {
      out.set(a, at);
      at += a.length;
    }
    return out;
  };
  return {
    ids: join(parts.map((p) => p.ids), (n) => new Int32Array(n)),
    specials: join(parts.map((p) => p.specials), (n) => new Uint8Array(n)),
    lengths: join(parts.map((p) => p.lengths), (n) => new Int32Array(n)),
  };
}

/**
 * Starts a model's worker and loads the model in it (devices tried in order for "auto").
 * @param onStop called if the worker dies later (a native crash): the engine is then unusable.
 */
export async function loadWorkerEngine(model: ModelInfo, choice: DeviceChoice, graph?: Graph, onStop?: (reason: string) => void): Promise<WorkerEmbeddingEngine> {
  const thread = await WorkerThread.start(EMBED_WORKER_ENTRY, `embed:${model.id}`);
  try {
    const info = await thread.request<LoadReply>({ type: "load", model, device: choice, graph });
    thread.onStop((reason) => onStop?.(reason));
    return new WorkerEmbeddingEngine(info, thread);
  } catch (error) {
    await thread.terminate();
    throw error;
  }
}
