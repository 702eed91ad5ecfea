/**
 * What GET /api/status reports: the installed models and each one's engine state. Asking for a model's status
 * also starts loading it, so the radar's sidebar turns from "loading model..." to ready without a search.
 * Server-only.
 */
import "server-only";
import { defaultModelId, deviceChoiceFromEnv, engineStates, getModelInfo, listModels, loadEngine, type ModelInfo } from "../engine";
import type { EngineState, ModelSummary, StatusResponse } from "./types";

const FAILURES_KEY = Symbol.for("semantic-radar.engine-failures");
type WithFailures = typeof globalThis & { [FAILURES_KEY]?: Map<string, string> };

// The engine forgets a failed load (so it can be retried); the status remembers why, until a retry succeeds.
function failures(): Map<string, string> {
  const holder = globalThis as WithFailures;
  holder[FAILURES_KEY] ??= new Map();
  return holder[FAILURES_KEY];
}

export function summarizeModel(model: ModelInfo): ModelSummary {
  return {
    id: model.id,
    description: model.description,
    languages: model.languages,
    isDefault: model.isDefault,
    architecture: model.architecture,
    hiddenSize: model.hiddenSize,
    maxTokens: model.maxTokens,
    nativePooling: model.nativePooling,
    graphs: model.graphs.map((g) => g.graph),
    hasQueryPrompt: Boolean(model.prompts.query),
  };
}

/** Starts loading a model in the background unless it is loading, ready, or failed (and no retry was asked). */
export function warmModel(modelId: string, retry = false): void {
  getModelInfo(modelId); // an unknown id is a 404 now, not a failed load later
  if (failures().has(modelId) && !retry) return;
  if (engineStates().some((state) => state.modelId === modelId)) return;
  failures().delete(modelId);
  loadEngine(modelId).then(
    () => failures().delete(modelId),
    (error: Error) => failures().set(modelId, error.message),
  );
}

export function radarStatus(options: { warm?: string; retry?: boolean } = {}): StatusResponse {
  const started = performance.now();
  const models = listModels();
  const defaultModel = models.length ? defaultModelId() : "";
  const warm = options.warm ?? defaultModel;
  if (warm) warmModel(warm, options.retry);
  return {
    models: models.map(summarizeModel),
    defaultModel,
    deviceChoice: deviceChoiceFromEnv(),
    engines: models.map((model) => engineStateOf(model.id)),
    timings: { totalMs: performance.now() - started },
  };
}

function engineStateOf(modelId: string): EngineState {
  const states = engineStates().filter((state) => state.modelId === modelId);
  const ready = states.find((state) => state.status === "ready" && state.loaded);
  if (ready?.loaded) {
    const { device, graph, loadMs, skipped, model } = ready.loaded;
    return { modelId, status: "ready", device, graph, dims: model.hiddenSize, loadMs, skipped };
  }
  if (states.some((state) => state.status === "loading")) return { modelId, status: "loading" };
  const error = failures().get(modelId);
  return error ? { modelId, status: "failed", error } : { modelId, status: "idle" };
}
