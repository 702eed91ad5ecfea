/**
 * The engine's part of GET /api/status: the installed models (no server paths), each one's engine state, the
 * folders that could not be read and why, and how busy the server is. Asking for a model's status also starts
 * loading it, so the radar's sidebar turns from "loading model..." to ready without a search. Server-only. The
 * body itself (these two reports and the timings) is the wire contract's StatusResponse.
 */
import "server-only";
import { admission, brokenModels, defaultModelId, deviceChoiceFromEnv, engineStateOf, getModelInfo, listModels, loadEngine, rescanModels, reservedMemory } from "./index";
import { availableParallelism } from "node:os";
import { memoryAvailable, memoryNeed, type MemoryAvailable } from "./memory";
import { eventLoopDelay, resetEventLoopDelay, type EventLoopDelay } from "./event-loop";
import type { BrokenModel, EngineState, ModelInfo, ModelSummary } from "./types";

/** The installed models and each one's engine. */
export interface EngineReport {
  models: ModelSummary[];
  defaultModel: string;
  /** The device asked for (SEMANTIC_RADAR_DEVICE or "auto"). */
  deviceChoice: string;
  engines: EngineState[];
  broken: BrokenModel[];
  /** What a model not yet loaded may take (the limit less the loaded models' needs, or the memory free). */
  memory: MemoryAvailable;
}

/**
 * Requests in progress, the admission limit past which the server answers 429, the event loop's delay, and the
 * CPU time the whole process (every thread: HTTP, models, ranking, garbage collection) has used since it
 * started, with the cores it may use: the load test divides the CPU by the requests answered.
 */
export interface ServingReport {
  pending: number;
  maxPending: number;
  eventLoop: EventLoopDelay;
  cpuMs: number;
  cores: number;
}

export function summarizeModel(model: ModelInfo): ModelSummary {
  return {
    id: model.id,
    description: model.description,
    languages: model.languages,
    isDefault: model.isDefault,
    architecture: model.architecture,
    hiddenSize: model.hiddenSize,
    numLayers: model.numLayers,
    maxTokens: model.maxTokens,
    contextTokens: model.contextTokens,
    ...(model.graphs.length ? { memory: memoryNeed(model) } : {}),
    nativePooling: model.nativePooling,
    graphs: model.graphs.map((g) => g.graph),
    hasQueryPrompt: Boolean(model.prompts.query),
    ...(model.matryoshka ? { matryoshka: model.matryoshka } : {}),
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

/** The engine's state; `warm` (default: the default model) starts loading unless it is loading or loaded. */
export function engineStatus(options: { warm?: string; retry?: boolean; rescan?: boolean } = {}): EngineReport {
  if (options.rescan) rescanModels();
  const models = listModels();
  const defaultModel = models.length ? defaultModelId() : "";
  const warm = options.warm ?? defaultModel;
  if (warm) warmModel(warm, options.retry);
  return {
    models: models.map(summarizeModel),
    defaultModel,
    deviceChoice: deviceChoiceFromEnv(),
    engines: models.map((model) => engineStateOf(model.id)),
    broken: brokenModels(),
    memory: memoryAvailable(reservedMemory()),
  };
}

/** How busy the server is; `resetEventLoop` starts a new event-loop window after reading this one. */
export function servingStatus(options: { resetEventLoop?: boolean } = {}): ServingReport {
  const eventLoop = eventLoopDelay();
  if (options.resetEventLoop) resetEventLoopDelay();
  const { pending, maxPending } = admission();
  return { pending, maxPending, eventLoop, ...processCpu() };
}
