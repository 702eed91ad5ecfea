/**
 * The engine's public face for tools that run it outside the server, in a process of their own, on a model
 * folder of their own (the GPU check in tools/gpu-check): the engine with its model in the calling thread (no
 * worker, so a bundle needs no esbuild at run time), the model folder reader, the pooled-graph writer the model
 * install runs, the tokenizer and batch planner the engine uses, and the provider probe. It loads onnxruntime
 * and the tokenizer into the caller's thread, which is why the server's face (index.ts) does not export it.
 */
export * from "./types";
export { loadInThreadEngine } from "./in-thread-engine";
export { describeModel, withoutPooledGraphs } from "./registry";
export { ensurePooledGraphs } from "./pooled-graph.mjs";
export { encodeTexts, loadTokenizer, type EncodedText } from "./tokenize";
export { BATCH_LIMITS, buildBatch, paddedTokens, planBatches } from "./batch";
export { probeProvider } from "./provider-probe";
