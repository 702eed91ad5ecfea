/**
 * The in-thread engine: tokenizer and onnxruntime session in the thread that calls it. The server runs it inside
 * a worker thread (worker/embed-worker.ts) so that tokenizing and forward passes never block the event loop;
 * the GPU check and the worker call it directly.
 */
import { join } from "node:path";
import { AppError } from "../errors";
import { POOLINGS, type Pooling } from "../pooling/strategies";
import { pool } from "../pooling/pool";
import { l2NormalizeRows, rowNorms } from "../pooling/normalize";
import { BATCH_LIMITS, buildBatch, planBatches } from "./batch";

export { BATCH_LIMITS, type BatchLimits } from "./batch";
import { chooseGraph, selectDevice } from "./device";
import { modelFileName } from "./registry";
import { createForwardSession, type ForwardSession } from "./session";
import { encodeTexts, loadTokenizer, spanTexts, type EncodedText, type TextTokenizer } from "./tokenize";
import type { TokenSpan } from "./token-spans";
import { MAX_STATE_TEXTS, type DeviceChoice, type EmbedOptions, type EmbedResult, type EmbeddingEngine, type EmbedTokensOptions, type Graph, type LoadedModelInfo, type ModelInfo, type TextKind, type TokenEmbeddings, type TokenRow, type TokenSpanOptions, type TokenStates, type TokenStatesOptions, type Truncation, type TruncationDirection } from "./types";

const now = () => performance.now();

/** One forward pass's pooled rows: per pooling an L2-normalized [rows, dim] matrix, in the order given. */
export interface ForwardResult {
  dim: number;
  pooled: Partial<Record<Pooling, Float32Array>>;
  /** Per pooling, each row's length before normalization: [rows]. */
  norms: Partial<Record<Pooling, Float32Array>>;
  inferenceMs: number;
  poolMs: number;
}

export class OnnxEmbeddingEngine implements EmbeddingEngine {
  constructor(
    readonly info: LoadedModelInfo,
    private readonly session: ForwardSession,
    private readonly tokenizer: TextTokenizer,
  ) {}

  /** Token ids of each text with the prompt for its kind, truncated to the model's max. */
  tokenize(texts: readonly string[], kind: TextKind, direction: TruncationDirection = "right"): { encoded: EncodedText[]; truncated: Truncation[] } {
    return encodeTexts(this.tokenizer, this.info.model, texts, kind, direction);
  }

  async countTokens(texts: readonly string[]): Promise<number[]> {
    return texts.map((text) => this.tokenizer.encode(text).length);
  }

  async tokenSpans(texts: readonly string[], options: TokenSpanOptions = {}): Promise<TokenSpan[][]> {
    return spanTexts(this.tokenizer, this.info.model, texts, options.kind, options.addSpecialTokens ?? true);
  }

  /** Each text run alone (no padding to skip), its last hidden state returned whole. */
  async tokenStates(texts: readonly string[], options: TokenStatesOptions = {}): Promise<TokenStates[]> {
    checkTexts(texts);
    if (texts.length > MAX_STATE_TEXTS) throw new AppError("too_large", `expected at most ${MAX_STATE_TEXTS} texts for token states, got ${texts.length}`);
    const { encoded } = this.tokenize(texts, options.kind ?? "document", options.truncation ?? "right");
    const states: TokenStates[] = [];
    for (const text of encoded) {
      const { hidden, dim } = await this.session.run(buildBatch([text], this.tokenizer.padId, this.info.model.paddingSide)); // [1, seq, dim]
      const specials = Array.from(text.specials, (s) => s === 1);
      states.push({ ids: text.ids, specials, tokens: text.ids.map((id) => this.tokenizer.tokenText(id)), hidden: hidden.slice(), dims: dim });
    }
    return states;
  }

  /** Token-id rows in length-bucketed batches, pooled every requested way. */
  async embedTokens(rows: readonly TokenRow[], options: EmbedTokensOptions = {}): Promise<TokenEmbeddings> {
    const poolings = options.poolings ?? POOLINGS;
    const encoded = rows.map(encodedRow);
    const dims = this.info.model.hiddenSize;
    const { embeddings } = allocateRows(poolings, rows.length, dims);
    let inferenceMs = 0;
    for (const indices of planBatches(encoded.map((e) => e.ids.length), BATCH_LIMITS[this.info.device])) {
      if (options.signal?.aborted) throw new AppError("cancelled", "the embedding job was cancelled");
      const result = await this.forward(indices.map((i) => encoded[i]), poolings);
      scatterRows(result.pooled, embeddings, indices, dims);
      inferenceMs += result.inferenceMs;
    }
    return { count: rows.length, dims, embeddings, inferenceMs };
  }

  /** One forward pass over already tokenized texts, pooled every requested way. */
  async forward(rows: readonly EncodedText[], poolings: readonly Pooling[]): Promise<ForwardResult> {
    const { model } = this.info;
    const tensors = buildBatch(rows, this.tokenizer.padId, model.paddingSide);
    const ranAt = now();
    // A pooled graph pools inside onnxruntime; a plain one returns [batch, seq, dim] for lib/pooling to pool.
    const output = this.session.runPooled ? await this.session.runPooled(tensors) : await this.session.run(tensors);
    const inferenceMs = now() - ranAt;
    const { dim } = output;
    if (dim !== model.hiddenSize) throw new AppError("model_corrupt", `${model.id}: config.json says hidden_size ${model.hiddenSize}, the graph returns ${dim}`);
    const pooledAt = now();
    const pooled: ForwardResult["pooled"] = {};
    const norms: ForwardResult["norms"] = {};
    for (const p of poolings) {
      const rows = "rows" in output ? output.rows[p] : pool(p, { ...tensors, hidden: output.hidden, dim }); // [batch, dim]
      norms[p] = rowNorms(rows, dim);
      pooled[p] = l2NormalizeRows(rows, dim);
    }
    return { dim, pooled, norms, inferenceMs, poolMs: now() - pooledAt };
  }

  /** Tokenizes, plans length-bucketed batches within the device's budget, runs them in turn. */
  async embed(texts: readonly string[], options: EmbedOptions = {}): Promise<EmbedResult> {
    checkTexts(texts);
    const { kind = "document", poolings = POOLINGS, signal, onProgress, truncation = "right" } = options;
    const started = now();
    const { encoded, truncated } = this.tokenize(texts, kind, truncation);
    const tokenizeMs = now() - started;
    onProgress?.({ type: "tokenized", total: texts.length });

    const lengths = encoded.map((e) => e.ids.length);
    const dims = this.info.model.hiddenSize;
    const { embeddings, norms } = allocateRows(poolings, texts.length, dims);
    let inferenceMs = 0;
    let poolMs = 0;
    let done = 0;
    for (const indices of planBatches(lengths, BATCH_LIMITS[this.info.device])) {
      if (signal?.aborted) throw new AppError("cancelled", "the embedding job was cancelled");
      const result = await this.forward(indices.map((i) => encoded[i]), poolings);
      scatterRows(result.pooled, embeddings, indices, dims);
      scatterRows(result.norms, norms, indices, 1);
      inferenceMs += result.inferenceMs;
      poolMs += result.poolMs;
      done += indices.length;
      onProgress?.({ type: "batch", done, total: texts.length });
    }
    const timings = { tokenizeMs, queueMs: 0, inferenceMs, poolMs, totalMs: now() - started };
    return { count: texts.length, dims, embeddings, norms, tokenCounts: lengths, truncated, timings };
  }

  async dispose(): Promise<void> {
    await this.session.release();
  }
}

/** A token row as the batcher takes it; refuses a row with no token. */
export function encodedRow(row: TokenRow, index: number): EncodedText {
  if (row.ids.length === 0 || row.ids.length !== row.specials.length) {
    throw new AppError("invalid_input", `token row ${index}: expected as many special flags as ids (at least one), got ${row.specials.length} and ${row.ids.length}`);
  }
  return { ids: row.ids, specials: Uint8Array.from(row.specials, (s) => (s ? 1 : 0)) };
}

/** Refuses an empty call or a blank text, with the index of the first blank one. */
export function checkTexts(texts: readonly string[]): void {
  if (texts.length === 0) throw new AppError("empty_input", "expected at least one text to embed, got none");
  const blank = texts.findIndex((text) => text.trim() === "");
  if (blank >= 0) throw new AppError("empty_input", `text ${blank} is empty; expected non-blank text`);
}

/** Per pooling, an empty [count, dims] matrix and [count] norms to scatter batches into. */
export function allocateRows(poolings: readonly Pooling[], count: number, dims: number) {
  const embeddings: Partial<Record<Pooling, Float32Array>> = {};
  const norms: Partial<Record<Pooling, Float32Array>> = {};
  for (const p of poolings) {
    embeddings[p] = new Float32Array(count * dims);
    norms[p] = new Float32Array(count);
  }
  return { embeddings, norms };
}

/** Copies row r of each batch matrix to row indices[r] of the matching full matrix (dims 1: a vector of norms). */
export function scatterRows(
  batch: Partial<Record<Pooling, Float32Array>>,
  into: Partial<Record<Pooling, Float32Array>>,
  indices: readonly number[],
  dims: number,
): void {
  for (const [p, rows] of Object.entries(batch) as [Pooling, Float32Array][]) {
    const target = into[p];
    if (!target) continue;
    indices.forEach((input, row) => target.set(rows.subarray(row * dims, (row + 1) * dims), input * dims));
  }
}

/** Loads a model: tokenizer, then the graph on the first device that works. */
export async function loadModelEngine(model: ModelInfo, choice: DeviceChoice, graph?: Graph): Promise<OnnxEmbeddingEngine> {
  const started = now();
  if (model.graphs.length === 0) {
    throw new AppError("model_corrupt", `${model.id} has no ONNX graph; expected onnx/model.onnx (or model_quantized.onnx) in its folder`);
  }
  const tokenizer = loadTokenizer(model);
  const available = model.graphs.map((g) => g.graph);
  const selection = await selectDevice(
    choice,
    async (device, signal) => {
      const chosen = chooseGraph(available, device, graph);
      const info = model.graphs.find((g) => g.graph === chosen)!;
      const file = info.pooledFile ?? info.file;
      const session = await createForwardSession(join(model.dir, file), device, { signal, displayName: modelFileName(model.dir, file) });
      return { session, graph: chosen };
    },
    { release: (late) => late.session.release() },
  );
  const { session, graph: loadedGraph } = selection.value;
  const info: LoadedModelInfo = {
    model: { ...model, inputNames: [...session.inputNames] },
    device: selection.device,
    graph: loadedGraph,
    loadMs: now() - started,
    pooledGraph: session.runPooled !== undefined,
    skipped: selection.skipped,
    placement: session.placement,
  };
  return new OnnxEmbeddingEngine(info, session, tokenizer);
}
