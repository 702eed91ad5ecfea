/**
 * What the model's thread does for each request (protocol.ts): one handler per request type, over one
 * ModelRunner. The embedding worker serves this table (embed-worker.ts); an engine that keeps its model in its
 * own thread calls it directly (in-thread-engine.ts). Loads onnxruntime: never imported by the server's main
 * thread.
 */
import { AppError } from "../../errors";
import { BATCH_LIMITS } from "../batch";
import { loadModelRunner, type ModelRunner } from "../model-runner";
import { packTokens, rowBuffers, tokenBuffers, unpackTokens } from "../rows";
import { runBatches } from "../run-batches";
import type { EmbedProtocol, EmbedReply, EmbedRequest } from "./protocol";
import type { Handled, Handlers } from "./serve";

export interface EmbedHandlers {
  handlers: Handlers<EmbedProtocol>;
  /** Frees the model's session (a worker frees it by ending). */
  release(): Promise<void>;
}

export function createEmbedHandlers(): EmbedHandlers {
  let runner: ModelRunner | undefined;
  const loaded = (): ModelRunner => {
    if (!runner) throw new AppError("internal", "the model's thread was asked to work before its model was loaded");
    return runner;
  };
  const handlers: Handlers<EmbedProtocol> = {
    load: async ({ model, device, graph }) => {
      runner = await loadModelRunner(model, device, graph);
      return { result: runner.info };
    },
    tokenize: ({ texts, kind, truncation }) => {
      const started = performance.now();
      const { encoded, truncated } = loaded().tokenize(texts, kind, truncation);
      const tokens = packTokens(encoded);
      return { result: { tokens, truncated, tokenizeMs: performance.now() - started }, transfer: tokenBuffers(tokens) };
    },
    forward: async ({ tokens, poolings, layer, layers }) => {
      const texts = unpackTokens(tokens);
      const rows = layers ? await loaded().forwardLayers(texts, poolings, layers) : await loaded().forward(texts, poolings, layer);
      return { result: rows, transfer: rowBuffers(rows.pooled, rows.norms) };
    },
    embed: (request) => embedShort(loaded(), request),
    states: async ({ texts, kind, truncation, layer }) => {
      const states = await loaded().tokenStates(texts, kind, truncation, layer);
      return { result: states, transfer: states.map((s) => s.hidden.buffer as ArrayBuffer) };
    },
    count: ({ texts }) => ({ result: loaded().countTokens(texts) }),
    spans: ({ texts, kind, addSpecialTokens }) => ({ result: loaded().tokenSpans(texts, kind, addSpecialTokens) }),
  };
  return { handlers, release: async () => runner?.release() };
}

/** Coalesced short texts: tokenized here, then usually one forward pass; split by the token budget when long. */
async function embedShort(runner: ModelRunner, { texts, kind, truncation, poolings, layer }: EmbedRequest<"embed">): Promise<Handled<EmbedReply>> {
  const started = performance.now();
  const { encoded, truncated } = runner.tokenize(texts, kind, truncation);
  const tokenizeMs = performance.now() - started;
  const tokenCounts = encoded.map((e) => e.ids.length);
  const plan = { limits: BATCH_LIMITS[runner.info.device], keys: poolings, dims: runner.info.model.hiddenSize };
  const rows = await runBatches(tokenCounts, plan, (indices) => runner.forward(indices.map((i) => encoded[i]), poolings, layer));
  return { result: { ...rows, tokenCounts, truncated, tokenizeMs }, transfer: rowBuffers(rows.pooled, rows.norms) };
}
