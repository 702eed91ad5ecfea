/**
 * The engine: the one implementation of EmbeddingEngine. It checks calls, orders them (scheduler.ts: short calls
 * coalesced into one forward pass, long ones one batch per turn), plans batches and puts rows back in order; the
 * model itself (tokenizer, onnxruntime session) sits behind a ModelPort, in a worker thread for the server
 * (worker-engine.ts) or in the caller's thread for CLIs and harnesses (in-thread-engine.ts). This module loads
 * neither onnxruntime nor the tokenizer.
 */
import { AppError } from "../errors";
import { POOLINGS, type Pooling } from "../pooling/strategies";
import { admission } from "./admission";
import { BATCH_LIMITS, type BatchLimits } from "./batch";
import { throwIfCancelled } from "./cancel";
import { allLayers, isLastLayer, layerKey, type Layer } from "../pooling/layers";
import { encodedRow, joinTokens, layerRowKey, packTokens, selectTokens, shiftTruncations, tokenBuffers, tokenOffsets, type PackedTokens, type PooledRows } from "./rows";
import { runBatches, type BatchRows } from "./run-batches";
import { Scheduler, type Encoding } from "./scheduler";
import {
  MAX_STATE_TEXTS,
  type EmbedLayersOptions,
  type EmbedOptions,
  type EmbedResult,
  type LayerEmbedResult,
  type EmbeddingEngine,
  type EmbedTokensOptions,
  type LoadedModelInfo,
  type TokenEmbeddings,
  type TokenRow,
  type TokenSpan,
  type TokenSpanOptions,
  type TokenStates,
  type TokenStatesOptions,
  type Truncation,
} from "./types";
import type { ModelPort } from "./worker/protocol";

/** Texts tokenized per request in a long call: small enough that a query slips in between chunks. */
const TOKENIZE_CHUNK = 512;

const now = () => performance.now();

/** Stage times of a long call, summed over its requests. */
interface LongTimings {
  tokenizeMs: number;
  queueMs: number;
}

/** A background step's token budget is the device's divided by this (CPU: 512 tokens, about 60 ms on 2 cores). */
const BACKGROUND_BUDGET_SHARE = 4;

export class Engine implements EmbeddingEngine {
  private readonly scheduler: Scheduler;
  private readonly limits: BatchLimits;

  constructor(
    readonly info: LoadedModelInfo,
    private readonly model: ModelPort,
  ) {
    this.limits = BATCH_LIMITS[info.device];
    const { tokenBudget, maxBatchSize } = this.limits;
    this.scheduler = new Scheduler((texts, { kind, truncation, layer }, poolings) => model.ask({ type: "embed", texts, kind, truncation, poolings, layer }), {
      tokenBudget,
      maxBatchTexts: maxBatchSize,
      maxTokens: info.model.maxTokens,
    });
  }

  /** Calls queued for this engine's model (not counting the one running). */
  get waiting(): number {
    return this.scheduler.waiting;
  }

  countTokens(texts: readonly string[]): Promise<number[]> {
    return this.scheduler.runBulk(() => this.model.ask({ type: "count", texts: [...texts] }));
  }

  tokenSpans(texts: readonly string[], options: TokenSpanOptions = {}): Promise<TokenSpan[][]> {
    const { kind, addSpecialTokens = true } = options;
    return this.scheduler.runBulk(() => this.model.ask({ type: "spans", texts: [...texts], kind, addSpecialTokens }));
  }

  async tokenStates(texts: readonly string[], options: TokenStatesOptions = {}): Promise<TokenStates[]> {
    checkTexts(texts);
    if (texts.length > MAX_STATE_TEXTS) throw new AppError("too_large", `expected at most ${MAX_STATE_TEXTS} texts for token states, got ${texts.length}`);
    const { kind = "document", truncation = "right" } = options;
    const layer = this.layerToAsk(options.layer);
    return this.scheduler.runBulk(() => this.model.ask({ type: "states", texts: [...texts], kind, truncation, layer }));
  }

  /** Token-id rows in length-cut batches, one request per batch, pooled every requested way. */
  async embedTokens(rows: readonly TokenRow[], options: EmbedTokensOptions = {}): Promise<TokenEmbeddings> {
    const { poolings = POOLINGS, signal, background = false } = options;
    const tokens = packTokens(rows.map(encodedRow));
    const dims = this.info.model.hiddenSize;
    const layer = this.layerToAsk(options.layer);
    const result = await this.embedPacked(tokens, { poolings, signal, background, layer }, { tokenizeMs: 0, queueMs: 0 });
    return { count: rows.length, dims, embeddings: only(result.pooled, poolings), inferenceMs: result.inferenceMs };
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

  /** Every pooling of several layers, one forward pass per batch (the Lab's sweep): always a long call. */
  async embedLayers(texts: readonly string[], options: EmbedLayersOptions = {}): Promise<LayerEmbedResult> {
    checkTexts(texts);
    const { kind = "document", poolings = POOLINGS, signal, onProgress, truncation = "right" } = options;
    const n = this.info.model.numLayers;
    const layers = (options.layers ?? allLayers(n)).map(layerKey);
    if (!this.info.layers && layers.some((layer) => layer !== String(n))) {
      throw new AppError("invalid_input", `${this.info.model.id} can pool only its last layer (${n}) here: its graph exposes no other layer`);
    }
    const permit = options.permit ? undefined : admission().acquire();
    try {
      const started = now();
      const timings: LongTimings = { tokenizeMs: 0, queueMs: 0 };
      const { tokens, truncated } = await this.tokenizeInChunks(texts, { kind, truncation }, signal, timings);
      onProgress?.({ type: "tokenized", total: texts.length });
      const onBatch = (done: number) => onProgress?.({ type: "batch", done, total: texts.length });
      const rows = await this.embedPacked(tokens, { poolings, signal, onBatch, layers }, timings);
      const split = (set: PooledRows) => Object.fromEntries(layers.map((layer) => [layer, Object.fromEntries(poolings.map((p) => [p, set[layerRowKey(layer, p)]!]))]));
      return {
        count: texts.length,
        dims: this.info.model.hiddenSize,
        layers: split(rows.pooled),
        norms: split(rows.norms),
        tokenCounts: Array.from(tokens.lengths),
        truncated,
        timings: { ...timings, inferenceMs: rows.inferenceMs, poolMs: rows.poolMs, totalMs: now() - started },
      };
    } finally {
      permit?.release();
    }
  }

  /** The layer key a request carries: undefined for the last layer (the path every earlier number came from). */
  private layerToAsk(layer: Layer | undefined): string | undefined {
    return layer === undefined || isLastLayer(layer, this.info.model.numLayers) ? undefined : layerKey(layer);
  }

  async dispose(): Promise<void> {
    await this.model.close();
  }

  /** A few short texts: they ride in the next coalesced job with every other short call waiting. */
  private async embedShort(texts: readonly string[], options: EmbedOptions): Promise<EmbedResult> {
    const { kind = "document", poolings = POOLINGS, signal, onProgress, truncation = "right" } = options;
    const started = now();
    onProgress?.({ type: "tokenized", total: texts.length });
    const layer = this.layerToAsk(options.layer);
    const result = await this.scheduler.embedShort(texts, { kind, truncation, layer }, poolings, signal);
    onProgress?.({ type: "batch", done: texts.length, total: texts.length });
    const { tokenizeMs, queueMs, inferenceMs, poolMs } = result;
    return {
      count: texts.length,
      dims: this.info.model.hiddenSize,
      embeddings: only(result.pooled, poolings),
      norms: only(result.norms, poolings),
      tokenCounts: result.tokenCounts,
      truncated: result.truncated,
      timings: { tokenizeMs, queueMs, inferenceMs, poolMs, totalMs: now() - started, batchTexts: result.batchTexts },
    };
  }

  /** Many texts: tokenized in chunks, then length-cut batches, each request taking its turn with other calls. */
  private async embedLong(texts: readonly string[], options: EmbedOptions): Promise<EmbedResult> {
    const { kind = "document", poolings = POOLINGS, signal, onProgress, truncation = "right" } = options;
    const started = now();
    const timings: LongTimings = { tokenizeMs: 0, queueMs: 0 };
    const { tokens, truncated } = await this.tokenizeInChunks(texts, { kind, truncation }, signal, timings);
    onProgress?.({ type: "tokenized", total: texts.length });
    const onBatch = (done: number) => onProgress?.({ type: "batch", done, total: texts.length });
    const layer = this.layerToAsk(options.layer);
    const rows = await this.embedPacked(tokens, { poolings, signal, onBatch, layer }, timings);
    return {
      count: texts.length,
      dims: this.info.model.hiddenSize,
      embeddings: only(rows.pooled, poolings),
      norms: only(rows.norms, poolings),
      tokenCounts: Array.from(tokens.lengths),
      truncated,
      timings: { ...timings, inferenceMs: rows.inferenceMs, poolMs: rows.poolMs, totalMs: now() - started },
    };
  }

  /**
   * The batch loop over tokenized texts, one `forward` request per batch, each after the short calls waiting.
   * Rows are keyed by pooling (of `layer`, else the last), or with `layers` by layerRowKey.
   */
  private embedPacked(
    tokens: PackedTokens,
    options: { poolings: readonly Pooling[]; signal?: AbortSignal; onBatch?: (done: number) => void; background?: boolean; layer?: string; layers?: string[] },
    timings: LongTimings,
  ): Promise<BatchRows> {
    const offsets = tokenOffsets(tokens.lengths);
    const { background = false, ...rest } = options;
    const { poolings, layer, layers } = options;
    const keys = layers ? layers.flatMap((l) => poolings.map((p) => layerRowKey(l, p))) : poolings;
    // Background work runs in small steps: a search arriving meanwhile waits for one of them at most.
    const limits = background ? { ...this.limits, tokenBudget: Math.ceil(this.limits.tokenBudget / BACKGROUND_BUDGET_SHARE) } : this.limits;
    const plan = { ...rest, keys, limits, dims: this.info.model.hiddenSize };
    const schedule = background ? this.scheduler.runBackground.bind(this.scheduler) : this.scheduler.runBulk.bind(this.scheduler);
    return runBatches(Array.from(tokens.lengths), plan, (indices) => {
      const batch = selectTokens(tokens, offsets, indices);
      const queued = now();
      return schedule(() => {
        timings.queueMs += now() - queued;
        return this.model.ask({ type: "forward", tokens: batch, poolings: [...poolings], layer, layers }, tokenBuffers(batch));
      });
    });
  }

  /** Tokenizes in chunks (each one request, so queries are served between them) and joins the chunks. */
  private async tokenizeInChunks(
    texts: readonly string[],
    { kind, truncation }: Encoding,
    signal: AbortSignal | undefined,
    timings: LongTimings,
  ): Promise<{ tokens: PackedTokens; truncated: Truncation[] }> {
    const chunks: PackedTokens[] = [];
    const truncated: Truncation[] = [];
    for (let from = 0; from < texts.length; from += TOKENIZE_CHUNK) {
      throwIfCancelled(signal);
      const chunk = texts.slice(from, from + TOKENIZE_CHUNK);
      const queued = now();
      const reply = await this.scheduler.runBulk(() => {
        timings.queueMs += now() - queued;
        return this.model.ask({ type: "tokenize", texts: chunk, kind, truncation });
      });
      timings.tokenizeMs += reply.tokenizeMs;
      chunks.push(reply.tokens);
      truncated.push(...shiftTruncations(reply.truncated, from));
    }
    return { tokens: joinTokens(chunks), truncated };
  }
}

/** Refuses an empty call or a blank text, with the index of the first blank one. */
function checkTexts(texts: readonly string[]): void {
  if (texts.length === 0) throw new AppError("empty_input", "expected at least one text to embed, got none");
  const blank = texts.findIndex((text) => text.trim() === "");
  if (blank >= 0) throw new AppError("empty_input", `text ${blank} is empty; expected non-blank text`);
}

/** The rows of the poolings this call asked for (a coalesced job computes the union of its calls'). */
function only(rows: PooledRows, poolings: readonly Pooling[]): Partial<Record<Pooling, Float32Array>> {
  return Object.fromEntries(poolings.map((p) => [p, rows[p]!]));
}
