/**
 * The engine the server uses: its model in a worker thread of its own (worker/embed-worker.ts), so the main
 * thread only schedules and copies rows, and never loads onnxruntime or the tokenizer. Server-only.
 */
import { Engine } from "./engine";
import type { DeviceChoice, Graph, ModelInfo } from "./types";
import type { ModelPort } from "./worker/protocol";
import { WorkerThread } from "./worker/thread";

export const EMBED_WORKER_ENTRY = "lib/engine/worker/embed-worker.ts";

/** A ModelPort over a worker thread: each request crosses as a message, its buffers transferred. */
function workerPort(thread: WorkerThread): ModelPort {
  return {
    ask: (request, transfer = []) => thread.request(request, transfer),
    close: () => thread.terminate(),
  };
}

/**
 * Starts a model's worker and loads the model in it (devices tried in order for "auto").
 * @param onStop called if the worker dies later (a native crash): the engine is then unusable.
 */
export async function loadWorkerEngine(model: ModelInfo, choice: DeviceChoice, graph?: Graph, onStop?: (reason: string) => void): Promise<Engine> {
  const thread = await WorkerThread.start(EMBED_WORKER_ENTRY, `embed:${model.id}`);
  const port = workerPort(thread);
  try {
    const info = await port.ask({ type: "load", model, device: choice, graph });
    thread.onStop((reason) => onStop?.(reason));
    return new Engine(info, port);
  } catch (error) {
    await port.close();
    throw error;
  }
}
