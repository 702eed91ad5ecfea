/**
 * A model where its inference runs: the tokenizer and the onnxruntime session, side by side. It tokenizes and
 * runs one forward pass at a time; it plans nothing (that is the engine's, engine.ts). It lives in the model's
 * worker thread (worker/embed-handlers.ts), so it is never imported by the server's main thread: it loads
 * onnxruntime (session.ts).
 */
import { join } from "node:path";
import { AppError } from "../errors";
import { allLayers, layerKey } from "../pooling/layers";
import { l2NormalizeRows, rowNorms } from "../pooling/normalize";
import { pool } from "../pooling/pool";
import { completeWithPrompt, tailPoolingWeights } from "../pooling/prompt-prefix";
import type { Pooling } from "../pooling/strategies";
import { buildBatch } from "./batch";
import { chooseGraph, selectDevice } from "./device";
import { modelFileName } from "./registry";
import { layerRowKey, type PooledRows } from "./rows";
import type { BatchRows } from "./run-batches";
import { PromptCache, type CachedPrompt } from "./prompt-cache";
import { createForwardSession, type ForwardSession } from "./session";
import { encodeTexts, loadTokenizer, spanTexts, type EncodedText, type TextTokenizer } from "./tokenize";
import type { TokenSpan } from "./token-spans";
import type { DeviceChoice, Graph, LoadedModelInfo, ModelInfo, TextKind, TokenStates, Truncation, TruncationDirection } from "./types";

const now = () => performance.now();

export interface ModelRunnerOptions {
  /**
   * Run shared prompts once and reuse them (prompt-cache.ts) where the graph has a KV cache; decided here, when
   * the model loads, and kept in LoadedModelInfo.promptCache. @default true
   */
  promptCache?: boolean;
}

export class ModelRunner {
  /** Present on KV-cache graphs with a pooled graph and a prompt: see prompt-cache.ts. */
  readonly prompts?: PromptCache;

  constructor(
    readonly info: LoadedModelInfo,
    private readonly session: ForwardSession,
    private readonly tokenizer: TextTokenizer,
  ) {
    const { runPrompt } = session;
    if (info.promptCache && runPrompt) this.prompts = new PromptCache(tokenizer, promptsOf(info.model), { runPrompt }, tokenizer.padId);
  }

  /** Token ids of each text with the prompt for its kind, truncated to the model's max. */
  tokenize(texts: readonly string[], kind: TextKind, direction: TruncationDirection = "right"): { encoded: EncodedText[]; truncated: Truncation[] } {
    return encodeTexts(this.tokenizer, this.info.model, texts, kind, direction);
  }

  countTokens(texts: readonly string[]): number[] {
    return texts.map((text) => this.tokenizer.encode(text).length);
  }

  tokenSpans(texts: readonly string[], kind: TextKind | undefined, addSpecialTokens: boolean): TokenSpan[][] {
    return spanTexts(this.tokenizer, this.info.model, texts, kind, addSpecialTokens);
  }

  /** Each text run alone (no padding to skip), its hidden states (the last layer's, or `layer`'s) returned whole. */
  async tokenStates(texts: readonly string[], kind: TextKind, truncation: TruncationDirection, layer?: string): Promise<TokenStates[]> {
    const { encoded } = this.tokenize(texts, kind, truncation);
    const asked = this.layerOutput(layer);
    const states: TokenStates[] = [];
    for (const text of encoded) {
      const { hidden, dim } = await this.session.run(buildBatch([text], this.tokenizer.padId, this.info.model.paddingSide), asked); // [1, seq, dim]
      const specials = Array.from(text.specials, (s) => s === 1);
      states.push({ ids: text.ids, specials, tokens: text.ids.map((id) => this.tokenizer.tokenText(id)), hidden: hidden.slice(), dims: dim });
    }
    return states;
  }

  /**
   * One forward pass over already tokenized texts, pooled every requested way: rows in the order given. `layer`
   * (a layer key) pools another layer than the last; the last layer always takes the path it took before layers
   * could be chosen, so its numbers never change.
   */
  async forward(rows: readonly EncodedText[], poolings: readonly Pooling[], layer?: string): Promise<BatchRows> {
    const asked = this.layerOutput(layer);
    if (asked !== undefined) {
      const rowsOfLayer = await this.forwardLayers(rows, poolings, [asked]);
      const keyed = (set: PooledRows) => Object.fromEntries(poolings.map((p) => [p, set[layerRowKey(asked, p)]!]));
      return { ...rowsOfLayer, pooled: keyed(rowsOfLayer.pooled), norms: keyed(rowsOfLayer.norms) };
    }
    const prompt = await this.prompts?.forRows(rows);
    if (prompt) return this.forwardAfterPrompt(rows, poolings, prompt);
    const tensors = buildBatch(rows, this.tokenizer.padId, this.info.model.paddingSide);
    const ranAt = now();
    // A pooled graph pools inside onnxruntime; a plain one returns [batch, seq, dim] for lib/pooling to pool.
    const output = this.session.runPooled ? await this.session.runPooled(tensors) : await this.session.run(tensors);
    const inferenceMs = now() - ranAt;
    this.checkDims(output.dim);
    const pooledAt = now();
    const matrices = (p: Pooling) => ("rows" in output ? output.rows[p] : pool(p, { ...tensors, hidden: output.hidden, dim: output.dim })); // [batch, dim]
    return { ...normalized(poolings, matrices, output.dim), inferenceMs, poolMs: now() - pooledAt };
  }

  /** Rows that all start with a cached prompt: only what follows it runs, after the prompt's KV cache. */
  private async forwardAfterPrompt(rows: readonly EncodedText[], poolings: readonly Pooling[], prompt: CachedPrompt): Promise<BatchRows> {
    const skip = prompt.ids.length;
    const tails = rows.map((row) => ({ ids: row.ids.slice(skip), specials: row.specials.slice(skip) }));
    const tensors = buildBatch(tails, this.tokenizer.padId, this.info.model.paddingSide, skip);
    const { attentionMask, specialMask, batch, seq } = tensors;
    const poolWeights = tailPoolingWeights(attentionMask, specialMask, batch, seq, prompt.summary);
    const ranAt = now();
    const output = await this.session.runPooled!(tensors, { poolWeights, past: prompt.past });
    const inferenceMs = now() - ranAt;
    this.checkDims(output.dim);
    const pooledAt = now();
    const completed = completeWithPrompt(output.rows, prompt.summary, attentionMask, specialMask, batch, seq);
    this.prompts!.rowsReused += rows.length;
    return { ...normalized(poolings, (p) => completed[p], output.dim), inferenceMs, poolMs: now() - pooledAt };
  }

  /** Every pooling of each of `layers` (layer keys) from one forward pass: rows keyed by layerRowKey. */
  async forwardLayers(rows: readonly EncodedText[], poolings: readonly Pooling[], layers: readonly string[]): Promise<BatchRows> {
    for (const layer of layers) this.layerOutput(layer);
    if (!this.session.runLayers) throw this.noLayers(layers[0]);
    const tensors = buildBatch(rows, this.tokenizer.padId, this.info.model.paddingSide);
    const ranAt = now();
    const output = await this.session.runLayers(tensors, layers);
    const inferenceMs = now() - ranAt;
    this.checkDims(output.dim);
    const pooledAt = now();
    const pooled: PooledRows = {};
    const norms: PooledRows = {};
    for (const layer of layers) {
      for (const p of poolings) {
        const matrix = output.rows[layer][p]; // [batch, dim]
        norms[layerRowKey(layer, p)] = rowNorms(matrix, output.dim);
        pooled[layerRowKey(layer, p)] = l2NormalizeRows(matrix, output.dim);
      }
    }
    return { pooled, norms, inferenceMs, poolMs: now() - pooledAt };
  }

  /**
   * The layer key to ask the graph for, or undefined for the last layer's own outputs. Refuses a layer the graph
   * does not expose, saying which it has.
   */
  private layerOutput(layer: string | undefined): string | undefined {
    const n = this.info.model.numLayers;
    if (layer === undefined || layer === String(n)) return undefined;
    const known = allLayers(n).map(layerKey);
    if (!known.includes(layer)) throw new AppError("invalid_input", `expected a layer from 0 to ${n}, "first_last" or "last_two" for ${this.info.model.id}; got "${layer}"`);
    if (!this.info.layers) throw this.noLayers(layer);
    return layer;
  }

  private noLayers(layer: string | undefined): AppError {
    const { model, pooledGraph } = this.info;
    const why = pooledGraph ? "its graph's layers could not be found (only BERT-style encoders expose them)" : "it runs without the pooled graph (reinstall it with `npm run models`)";
    return new AppError("invalid_input", `${model.id} can pool only its last layer (${model.numLayers}) here: ${why}; got layer "${layer}"`);
  }

  private checkDims(dim: number): void {
    const { model } = this.info;
    if (dim !== model.hiddenSize) throw new AppError("model_corrupt", `${model.id}: config.json says hidden_size ${model.hiddenSize}, the graph returns ${dim}`);
  }

  release(): Promise<void> {
    return this.session.release();
  }
}

function promptsOf(model: ModelInfo): string[] {
  return [model.prompts.query ?? "", model.prompts.document ?? ""].filter((prompt) => prompt.length > 0);
}

/** Each asked pooling's [batch, dim] matrix, L2-normalized in place, and its rows' norms before. */
function normalized(poolings: readonly Pooling[], matrix: (pooling: Pooling) => Float32Array, dim: number): { pooled: PooledRows; norms: PooledRows } {
  const pooled: PooledRows = {};
  const norms: PooledRows = {};
  for (const p of poolings) {
    const rows = matrix(p);
    norms[p] = rowNorms(rows, dim);
    pooled[p] = l2NormalizeRows(rows, dim);
  }
  return { pooled, norms };
}

/** Loads a model: tokenizer, then the graph on the first device that works. */
export async function loadModelRunner(model: ModelInfo, choice: DeviceChoice, graph?: Graph, options: ModelRunnerOptions = {}): Promise<ModelRunner> {
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
    layers: session.layers,
    skipped: selection.skipped,
    placement: session.placement,
    promptCache: options.promptCache !== false && session.runPrompt !== undefined && session.runPooled !== undefined && promptsOf(model).length > 0,
  };
  return new ModelRunner(info, session, tokenizer);
}
