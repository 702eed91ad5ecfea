/**
 * The engine with its model in the caller's own thread: the same Engine (engine.ts), its requests answered by
 * the model thread's handler table called directly instead of posted to a worker. For CLIs and harnesses that
 * run in a process of their own (benchmarks, the GPU check) and for tests that compare the two. Loads
 * onnxruntime into the caller's thread, so the server never imports it: it uses worker-engine.ts.
 */
import { Engine } from "./engine";
import type { DeviceChoice, Graph, ModelInfo } from "./types";
import { createEmbedHandlers } from "./worker/embed-handlers";
import type { EmbedProtocol, ModelPort } from "./worker/protocol";
import { dispatch } from "./worker/serve";

/** Loads a model in this thread (devices tried in order for "auto") and returns its engine. */
export async function loadInThreadEngine(model: ModelInfo, choice: DeviceChoice, graph?: Graph): Promise<Engine> {
  const { handlers, release } = createEmbedHandlers();
  const port: ModelPort = {
    ask: async (request) => (await dispatch<EmbedProtocol, typeof request.type>(handlers, request)).result,
    close: release,
  };
  const info = await port.ask({ type: "load", model, device: choice, graph });
  return new Engine(info, port);
}
