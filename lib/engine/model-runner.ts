/**
 * A model where its inference runs: the tokenizer and the onnxruntime session, side by side. It tokenizes and
 * runs one forward pass at a time; it plans nothing (that is the engine's, engine.ts). It lives in the model's
 * worker thread (worker/embed-handlers.ts), so it is never imported by the server's main thread: it loads
 * onnxruntime (session.ts).
 */
import { join } from "node:path";
import { AppError } from "../errors";
import { l2NormalizeRows, rowNorms } from "../pooling/normalize";
import { pool } from "../pooling/pool";
import type { Pooling } from "../pooling/strategies";
import { buildBatch } from "./batch";
import { chooseGraph, selectDevice } from "./device";
import { modelFileName } from "./registry";
import type { PooledRows } from "./rows";
import type { BatchRows } from "./run-batches";
import { createForwardSession, type ForwardSession } from "./session";
import { encodeTexts, loadTokenizer, spanTexts, type EncodedText, type TextTokenizer } from "./tokenize";
import type { TokenSpan } from "./token-spans";
import type { DeviceChoice, Graph, LoadedModelInfo, ModelInfo, TextKind, TokenStates, Truncation, TruncationDirection } from "./types";

const now = () => performance.now();

export class ModelRunner {
  constructor(
    readonly info: LoadedModelInfo,
    private readonly session: ForwardSession,
    private readonly tokenizer: TextTokenizer,
  ) {}

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

  /** Each text run alone (no padding to skip), its last hidden state returned whole. */
  async tokenStates(texts: readonly string[], kind: TextKind, truncation: TruncationDirection): Promise<TokenStates[]> {
    const { encoded } = this.tokenize(texts, kind, truncation);
    const states: TokenStates[] = [];
    for (const text of encoded) {
      const { hidden, dim } = await this.session.run(buildBatch([text], this.tokenizer.padId, this.info.model.paddingSide)); // [1, seq, dim]
      const specials = Array.from(text.specials, (s) => s === 1);
      states.push({ ids: text.ids, specials, tokens: text.ids.map((id) => this.tokenizer.tokenText(id)), hidden: hidden.slice(), dims: dim });
    }
    return states;
  }

  /** One forward pass over already tokenized texts, pooled every requested way: rows in the order given. */
  async forward(rows: readonly EncodedText[], poolings: readonly Pooling[]): Promise<BatchRows> {
    const { model } = this.info;
    const tensors = buildBatch(rows, this.tokenizer.padId, model.paddingSide);
    const ranAt = now();
    // A pooled graph pools inside onnxruntime; a plain one returns [batch, seq, dim] for lib/pooling to pool.
    const output = this.session.runPooled ? await this.session.runPooled(tensors) : await this.session.run(tensors);
    const inferenceMs = now() - ranAt;
    const { dim } = output;
    if (dim !== model.hiddenSize) throw new AppError("model_corrupt", `${model.id}: config.json says hidden_size ${model.hiddenSize}, the graph returns ${dim}`);
    const pooledAt = now();
    const pooled: PooledRows = {};
    const norms: PooledRows = {};
    for (const p of poolings) {
      const matrix = "rows" in output ? output.rows[p] : pool(p, { ...tensors, hidden: output.hidden, dim }); // [batch, dim]
      norms[p] = rowNorms(matrix, dim);
      pooled[p] = l2NormalizeRows(matrix, dim);
    }
    return { pooled, norms, inferenceMs, poolMs: now() - pooledAt };
  }

  release(): Promise<void> {
    return this.session.release();
  }
}

/** Loads a model: tokenizer, then the graph on the first device that works. */
export async function loadModelRunner(model: ModelInfo, choice: DeviceChoice, graph?: Graph): Promise<ModelRunner> {
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
  return new ModelRunner(info, session, tokenizer);
}
