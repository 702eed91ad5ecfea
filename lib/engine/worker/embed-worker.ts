/**
 * The embedding worker: one per loaded model. It owns the tokenizer and the onnxruntime session, so neither a
 * tokenization nor a forward pass (synchronous in onnxruntime-node) ever blocks the server's event loop. It does
 * what it is asked, one request at a time; the order (queries first) is the main thread's (scheduler.ts).
 */
import { AppError } from "../../errors";
import type { Pooling } from "../../pooling/strategies";
import { planBatches } from "../batch";
import { allocateRows, BATCH_LIMITS, loadModelEngine, scatterRows, type OnnxEmbeddingEngine } from "../engine";
import { packTokens, transferablesOf, unpackTokens } from "./packed";
import type { EmbedReply, EmbedWorkerRequest, ForwardReply, PooledRows, TokenizeReply } from "./protocol";
import { serveRequests, type Handled } from "./serve";
import type { TextKind, TruncationDirection } from "../types";

let engine: OnnxEmbeddingEngine | undefined;

function loaded(): OnnxEmbeddingEngine {
  if (!engine) throw new AppError("internal", "the embedding worker was asked to work before its model was loaded");
  return engine;
}

function buffersOf(...sets: PooledRows[]): ArrayBuffer[] {
  return sets.flatMap((set) => Object.values(set).map((rows) => rows!.buffer as ArrayBuffer));
}

async function handle(request: EmbedWorkerRequest): Promise<Handled> {
  switch (request.type) {
    case "load":
      engine = await loadModelEngine(request.model, request.device, request.graph);
      return { result: engine.info };
    case "tokenize": {
      const started = performance.now();
      const { encoded, truncated } = loaded().tokenize(request.texts, request.kind, request.truncation);
      const tokens = packTokens(encoded);
      const reply: TokenizeReply = { tokens, truncated, tokenizeMs: performance.now() - started };
      return { result: reply, transfer: transferablesOf(tokens) };
    }
    case "forward": {
      const { pooled, norms, inferenceMs, poolMs } = await loaded().forward(unpackTokens(request.tokens), request.poolings);
      const reply: ForwardReply = { pooled, norms, inferenceMs, poolMs };
      return { result: reply, transfer: buffersOf(pooled, norms) };
    }
    case "embed":
      return embedShort(request.texts, request.kind, request.truncation, request.poolings);
    case "states": {
      const states = await loaded().tokenStates(request.texts, { kind: request.kind, truncation: request.truncation });
      return { result: states, transfer: states.map((s) => s.hidden.buffer as ArrayBuffer) };
    }
    case "count":
      return { result: await loaded().countTokens(request.texts) };
    case "spans":
      return { result: await loaded().tokenSpans(request.texts, { kind: request.kind, addSpecialTokens: request.addSpecialTokens }) };
  }
}

/** Coalesced short texts: usually one forward pass; split by the token budget when they are long. */
async function embedShort(texts: string[], kind: TextKind, truncation: TruncationDirection, poolings: Pooling[]): Promise<Handled> {
  const engine = loaded();
  const started = performance.now();
  const { encoded, truncated } = engine.tokenize(texts, kind, truncation);
  const tokenizeMs = performance.now() - started;
  const dims = engine.info.model.hiddenSize;
  const { embeddings: pooled, norms } = allocateRows(poolings, texts.length, dims);
  const lengths = encoded.map((e) => e.ids.length);
  let inferenceMs = 0;
  let poolMs = 0;
  for (const indices of planBatches(lengths, BATCH_LIMITS[engine.info.device])) {
    const result = await engine.forward(indices.map((i) => encoded[i]), poolings);
    scatterRows(result.pooled, pooled, indices, dims);
    scatterRows(result.norms, norms, indices, 1);
    inferenceMs += result.inferenceMs;
    poolMs += result.poolMs;
  }
  const reply: EmbedReply = { pooled, norms, tokenCounts: lengths, truncated, tokenizeMs, inferenceMs, poolMs };
  return { result: reply, transfer: buffersOf(pooled, norms) };
}

serveRequests((message) => handle(message as unknown as EmbedWorkerRequest));
