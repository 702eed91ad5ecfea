/**
 * The embedding engine's public face. Server-only: it starts worker threads that load native code (onnxruntime)
 * and reads models/. The models folder is scanned once and kept (rescanModels() reads it again). Engines are
 * loaded once per (model, device, graph) and shared; a failed load is remembered, with its reason, until a
 * retry or a rescan, so /api/status can say why and a search does not retry a broken model on every call.
 */
import "server-only";
import { processWide } from "../config";
import { AppError, isAppError } from "../errors";
import { deviceChoiceFromEnv } from "./device";
import { checkMemory } from "./memory";
import { findModel, modelsDir, scanModels, withoutPooledGraphs, type ModelScan } from "./registry";
import type { BrokenModel, EmbeddingEngine, EngineState, LoadOptions, ModelInfo } from "./types";
import { loadWorkerEngine } from "./worker-engine";

export * from "./types";
export { admission } from "./admission";
export { cancelledError, throwIfCancelled } from "./cancel";
export { deviceChoiceFromEnv } from "./device";
export { BATCH_LIMITS } from "./batch";
export { modelsDir } from "./registry";

// Tools that run the engine outside the server (the GPU check) use tools.ts: it loads onnxruntime and the
// tokenizer into the caller's thread, which this module, on the server's request path, never does.

interface Slot {
  modelId: string;
  promise: Promise<EmbeddingEngine>;
  state: EngineState;
  /** What the model was estimated to need (memory.ts), counted against SEMANTIC_RADAR_MEMORY_LIMIT_MB. */
  needBytes?: number;
}

interface EngineHolder {
  scan?: ModelScan;
  slots: Map<string, Slot>;
}

// Process-wide: a model is loaded once per process, however many route bundles evaluate this module.
const holder = processWide<EngineHolder>("engines", () => ({ slots: new Map() }));

function scan(): ModelScan {
  return (holder.scan ??= scanModels(modelsDir()));
}

/** Reads the models folder again (a model was installed or repaired) and forgets failed loads. */
export function rescanModels(): ModelScan {
  holder.scan = scanModels(modelsDir());
  for (const [key, slot] of holder.slots) if (slot.state.status === "failed") holder.slots.delete(key);
  return holder.scan;
}

export function listModels(): ModelInfo[] {
  return scan().models;
}

/** Model folders that could not be read, and why. */
export function brokenModels(): BrokenModel[] {
  return scan().broken;
}

export function getModelInfo(id: string): ModelInfo {
  return findModel(scan(), id);
}

/** The manifest's default model when installed, else the first installed one. */
export function defaultModelId(): string {
  const models = listModels();
  const model = models.find((m) => m.isDefault) ?? models[0];
  if (!model) throw new AppError("model_not_found", "no model is installed in the models folder; run `npm run models`");
  return model.id;
}

/**
 * The engine of a model, loading it on first use. A load that failed before fails again at once with the same
 * error unless `retry` is set.
 */
export function loadEngine(modelId: string = defaultModelId(), options: LoadOptions & { retry?: boolean } = {}): Promise<EmbeddingEngine> {
  const device = options.device ?? deviceChoiceFromEnv();
  const pooledGraph = options.pooledGraph ?? true;
  const key = `${modelId}|${device}|${options.graph ?? "best"}${pooledGraph ? "" : "|plain"}`;
  const existing = holder.slots.get(key);
  if (existing && !(existing.state.status === "failed" && options.retry)) return existing.promise;

  let model: ModelInfo;
  try {
    model = pooledGraph ? getModelInfo(modelId) : withoutPooledGraphs(getModelInfo(modelId));
  } catch (error) {
    return Promise.reject(error);
  }
  const state: EngineState = { modelId, status: "loading" };
  const fail = (reason: string) => Object.assign(state, { status: "failed", error: reason });
  let needBytes: number;
  try {
    // Before a worker starts: a model too big for the memory left is refused, not loaded until the system gives out.
    needBytes = checkMemory(model, options.graph, reservedMemory(key)).totalBytes;
  } catch (error) {
    fail((error as Error).message);
    const refused = Promise.reject(error);
    refused.catch(() => undefined); // read by the next caller, not an unhandled rejection now
    holder.slots.set(key, { modelId, state, promise: refused });
    return refused;
  }
  const promise = loadWorkerEngine(model, device, options.graph, (reason) => {
    fail(`the model's worker stopped: ${reason}. Retry to load it again.`);
    const stopped = Promise.reject(new AppError("internal", state.error!));
    stopped.catch(() => undefined); // read by the next caller, not an unhandled rejection now
    holder.slots.set(key, { modelId, state, promise: stopped });
  });
  holder.slots.set(key, { modelId, promise, state, needBytes });
  promise.then(
    (engine) => {
      const { device: used, graph, loadMs, skipped } = engine.info;
      Object.assign(state, { status: "ready", device: used, graph, dims: engine.info.model.hiddenSize, loadMs, skipped });
    },
    (error: unknown) => fail(isAppError(error) ? error.message : `the model could not be loaded (${String(error)})`),
  );
  return promise;
}

/** What the models loaded or loading (other than `key`'s) were estimated to need. */
export function reservedMemory(key?: string): number {
  let sum = 0;
  for (const [other, slot] of holder.slots) if (other !== key && slot.state.status !== "failed") sum += slot.needBytes ?? 0;
  return sum;
}

/** One model's engine as /api/status shows it: ready over loading over failed; idle if never asked for. */
export function engineStateOf(modelId: string): EngineState {
  const states = [...holder.slots.values()].filter((slot) => slot.modelId === modelId).map((slot) => slot.state);
  const order = ["ready", "loading", "failed"] as const;
  for (const status of order) {
    const state = states.find((s) => s.status === status);
    if (state) return { ...state };
  }
  return { modelId, status: "idle" };
}
