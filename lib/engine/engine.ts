import { join } from "node:path";
import PQueue from "p-queue";
import { AppError } from "../errors";
import { POOLINGS, type Pooling } from "../pooling/strategies";
import { pool } from "../pooling/pool";
import { l2NormalizeRows } from "../pooling/normalize";
import { buildBatch, planBatches } from "./batch";
import { chooseGraph, selectDevice } from "./device";
import { createForwardSession, type ForwardSession } from "./session";
import { encodeTexts, loadTokenizer, type TextTokenizer } from "./tokenize";
import type { Device, DeviceChoice, EmbedOptions, EmbedResult, EmbeddingEngine, Graph, LoadedModelInfo, ModelInfo } from "./types";

export interface BatchLimits {
  /** Padded tokens per forward pass (rows x longest row). */
  tokenBudget: number;
  maxBatchSize: number;
}

/**
 * On a CPU, big enough to keep the matrix kernels busy, small enough that a query waiting behind a
 * knowledge-base job waits for one batch, not the whole job. A GPU needs far larger batches to fill its cores.
 */
export const BATCH_LIMITS: Record<Device, BatchLimits> = {
  cpu: { tokenBudget: 2048, maxBatchSize: 64 },
  webgpu: { tokenBudget: 32768, maxBatchSize: 512 },
  cuda: { tokenBudget: 32768, maxBatchSize: 512 },
};
/** Embed calls allowed in flight at once; past this the engine answers "overloaded" (HTTP 429) at once. */
export const MAX_PENDING_CALLS = 32;

const now = () => performance.now();

function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError("cancelled", "the embedding job was cancelled");
}

class OnnxEmbeddingEngine implements EmbeddingEngine {
  // One forward pass at a time: on a few CPU cores parallel runs only fight for them. Queries jump the queue.
  private readonly queue = new PQueue({ concurrency: 1 });
  private pendingCalls = 0;

  constructor(
    readonly info: LoadedModelInfo,
    private readonly session: ForwardSession,
    private readonly tokenizer: TextTokenizer,
  ) {}

  countTokens(texts: readonly string[]): number[] {
    return texts.map((text) => this.tokenizer.encode(text).length);
  }

  async embed(texts: readonly string[], options: EmbedOptions = {}): Promise<EmbedResult> {
    if (texts.length === 0) throw new AppError("empty_input", "expected at least one text to embed, got none");
    const blank = texts.findIndex((text) => text.trim() === "");
    if (blank >= 0) throw new AppError("empty_input", `text ${blank} is empty; expected non-blank text`);
    if (this.pendingCalls >= MAX_PENDING_CALLS) {
      throw new AppError("overloaded", `the engine already has ${this.pendingCalls} jobs in flight (limit ${MAX_PENDING_CALLS}); try again shortly`);
    }
    this.pendingCalls++;
    try {
      return await this.embedAll(texts, options);
    } finally {
      this.pendingCalls--;
    }
  }

  private async embedAll(texts: readonly string[], options: EmbedOptions): Promise<EmbedResult> {
    const { kind = "document", poolings = POOLINGS, signal, onProgress } = options;
    const started = now();
    const { model } = this.info;
    const { encoded, truncated } = encodeTexts(this.tokenizer, model, texts, kind);
    const tokenizeMs = now() - started;
    onProgress?.({ type: "tokenized", total: texts.length });

    const lengths = encoded.map((e) => e.ids.length);
    const { tokenBudget, maxBatchSize } = BATCH_LIMITS[this.info.device];
    const batches = planBatches(lengths, tokenBudget, maxBatchSize);
    const dims = model.hiddenSize;
    const embeddings: Partial<Record<Pooling, Float32Array>> = {};
    for (const p of poolings) embeddings[p] = new Float32Array(texts.length * dims); // [count, dims]
    let queueMs = 0;
    let inferenceMs = 0;
    let poolMs = 0;
    let done = 0;

    for (const indices of batches) {
      checkAborted(signal);
      const tensors = buildBatch(indices.map((i) => encoded[i]), this.tokenizer.padId, model.paddingSide);
      const queued = now();
      const { hidden, dim, ranAt } = await this.queue.add(
        async () => ({ ranAt: now(), ...(await this.session.run(tensors)) }),
        { priority: kind === "query" ? 1 : 0, throwOnTimeout: true },
      );
      queueMs += ranAt - queued;
      inferenceMs += now() - ranAt;
      if (dim !== dims) throw new AppError("model_corrupt", `${model.id}: config.json says hidden_size ${dims}, the graph returns ${dim}`);

      const pooledAt = now();
      const states = { hidden, attentionMask: tensors.attentionMask, specialMask: tensors.specialMask, batch: tensors.batch, seq: tensors.seq, dim };
      for (const p of poolings) {
        const rows = l2NormalizeRows(pool(p, states), dim); // [batch, dim]
        indices.forEach((input, row) => embeddings[p]!.set(rows.subarray(row * dim, (row + 1) * dim), input * dim));
      }
      poolMs += now() - pooledAt;
      done += indices.length;
      onProgress?.({ type: "batch", done, total: texts.length });
    }
    const timings = { tokenizeMs, queueMs, inferenceMs, poolMs, totalMs: now() - started };
    return { count: texts.length, dims, embeddings, tokenCounts: lengths, truncated, timings };
  }

  async dispose(): Promise<void> {
    await this.queue.onIdle();
    await this.session.release();
  }
}

/** Loads a model: tokenizer, then the graph on the first device that works. */
export async function loadModelEngine(model: ModelInfo, choice: DeviceChoice, graph?: Graph): Promise<EmbeddingEngine> {
  const started = now();
  if (model.graphs.length === 0) {
    throw new AppError("model_corrupt", `${model.id} has no ONNX graph; expected onnx/model.onnx (or model_quantized.onnx) in ${model.dir}`);
  }
  const tokenizer = loadTokenizer(model);
  const available = model.graphs.map((g) => g.graph);
  const selection = await selectDevice(
    choice,
    async (device, signal) => {
      const chosen = chooseGraph(available, device, graph);
      const file = model.graphs.find((g) => g.graph === chosen)!.file;
      return { session: await createForwardSession(join(model.dir, file), device, { signal }), graph: chosen };
    },
    { release: (late) => late.session.release() },
  );
  const { session, graph: loadedGraph } = selection.value;
  const info: LoadedModelInfo = {
    model: { ...model, inputNames: [...session.inputNames] },
    device: selection.device,
    graph: loadedGraph,
    loadMs: now() - started,
    skipped: selection.skipped,
    placement: session.placement,
  };
  return new OnnxEmbeddingEngine(info, session, tokenizer);
}
