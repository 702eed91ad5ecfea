/**
 * What GET /api/status reports: the installed models (no server paths), each one's engine state, the folders
 * that could not be read and why, and how busy the server is. Asking for a model's status also starts loading
 * it, so the radar's sidebar turns from "loading model..." to ready without a search. Server-only.
 */
import "server-only";
import { admission, brokenModels, defaultModelId, deviceChoiceFromEnv, engineStateOf, getModelInfo, listModels, loadEngine, rescanModels } from "./index";
import { availableParallelism } from "node:os";
import { eventLoopDelay, resetEventLoopDelay } from "./event-loop";
import type { EngineStatusReport, ModelInfo, ModelSummary } from "./types";

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

/** CPU time of every thread of this process so far, and the cores it may run on. */
function processCpu(): { cpuMs: number; cores: number } {
  const { user, system } = process.cpuUsage();
  return { cpuMs: Math.round((user + system) / 1000), cores: availableParallelism() };
}

/** Starts loading a model in the background unless it is loading, ready, or failed (and no retry was asked). */
export function warmModel(modelId: string, retry = false): void {
  getModelInfo(modelId); // an unknown id is a 404 now, not a failed load later
  const { status } = engineStateOf(modelId);
  if (status === "idle" || (status === "failed" && retry)) loadEngine(modelId, { retry }).catch(() => undefined);
}

export function engineStatus(options: { warm?: string; retry?: boolean; rescan?: boolean; resetEventLoop?: boolean } = {}): EngineStatusReport {
  if (options.rescan) rescanModels();
  const eventLoop = eventLoopDelay();
  if (options.resetEventLoop) resetEventLoopDelay();
  const models = listModels();
  const defaultModel = models.length ? defaultModelId() : "";
  const warm = options.warm ?? defaultModel;
  if (warm) warmModel(warm, options.retry);
  const { pending, maxPending } = admission();
  return {
    models: models.map(summarizeModel),
    defaultModel,
    deviceChoice: deviceChoiceFromEnv(),
    engines: models.map((model) => engineStateOf(model.id)),
    broken: brokenModels(),
    serving: { pending, maxPending, eventLoop, ...processCpu() },
  };
}
