/**
 * The embedding engine's public face. Server-only: it loads native code (onnxruntime) and reads models/.
 * Engines are loaded once per (model, device, graph) and shared; a failed load is forgotten so it can be retried.
 */
import "server-only";
import { AppError } from "../errors";
import { deviceChoiceFromEnv } from "./device";
import { loadModelEngine } from "./engine";
import { findModel, listModelsIn, modelsDir } from "./registry";
import type { EmbeddingEngine, LoadOptions, LoadedModelInfo, ModelInfo } from "./types";

export * from "./types";
export { deviceChoiceFromEnv } from "./device";
export { modelsDir } from "./registry";

export interface EngineState {
  modelId: string;
  status: "loading" | "ready" | "failed";
  loaded?: LoadedModelInfo;
  error?: string;
}

interface Entry {
  promise: Promise<EmbeddingEngine>;
  state: EngineState;
}

// On globalThis: Next.js may evaluate this module more than once (per route bundle, on dev reloads), and a
// model must still be loaded once per process.
const ENGINES_KEY = Symbol.for("semantic-radar.engines");
const holder = globalThis as typeof globalThis & { [ENGINES_KEY]?: Map<string, Entry> };
const engines = (holder[ENGINES_KEY] ??= new Map<string, Entry>());

export function listModels(): ModelInfo[] {
  return listModelsIn(modelsDir());
}

export function getModelInfo(id: string): ModelInfo {
  return findModel(modelsDir(), id);
}

/** The manifest's default model when installed, else the first installed one. */
export function defaultModelId(): string {
  const models = listModels();
  const model = models.find((m) => m.isDefault) ?? models[0];
  if (!model) throw new AppError("model_not_found", `no model is installed in ${modelsDir()}; run \`npm run models\``);
  return model.id;
}

export function loadEngine(modelId: string = defaultModelId(), options: LoadOptions = {}): Promise<EmbeddingEngine> {
  const device = options.device ?? deviceChoiceFromEnv();
  const key = `${modelId}|${device}|${options.graph ?? "best"}`;
  const cached = engines.get(key);
  if (cached) return cached.promise;

  const state: EngineState = { modelId, status: "loading" };
  const promise = (async () => loadModelEngine(getModelInfo(modelId), device, options.graph))();
  engines.set(key, { promise, state });
  promise.then(
    (engine) => Object.assign(state, { status: "ready", loaded: engine.info }),
    (error: Error) => {
      engines.delete(key);
      Object.assign(state, { status: "failed", error: error.message });
    },
  );
  return promise;
}

/** Every engine loaded or loading in this process, for /api/status. */
export function engineStates(): EngineState[] {
  return [...engines.values()].map((entry) => ({ ...entry.state }));
}
