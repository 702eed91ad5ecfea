/**
 * Embeds a knowledge base with every pooling and saves it under its id. Server-only. In two steps so the API
 * answers with a real HTTP status for everything it can know before it starts streaming: `openKbJob` checks the
 * model, cleans, takes the request's place in the admission limit (429) and loads the model (404, 500); `run`
 * streams.
 */
import "server-only";
import { config } from "../config";
import { admission, defaultModelId, getModelInfo, loadEngine, type EmbedResult, type EmbeddingEngine, type ModelInfo, type Permit } from "../engine";
import { AppError } from "../errors";
import { POOLINGS } from "../pooling/strategies";
import { cleanKnowledgeBase } from "./clean";
import { kbIdOf } from "./kb-id";
import { MAX_ENTRIES } from "./limits";
import { kbRepository } from "./repository";
import type { CleaningReport, KbBuildEvent, KbInput, StoredKb, TruncatedEntry } from "./types";

export interface PreparedKb {
  model: ModelInfo;
  entries: string[];
  report: CleaningReport;
}

export type DoneEvent = Extract<KbBuildEvent, { type: "done" }>;
export type KbProgressEvent = Exclude<KbBuildEvent, { type: "done" }>;

export interface BuiltKb {
  kb: StoredKb;
  done: DoneEvent;
  approximate: boolean;
}

export interface KbJob {
  /** The model's engine, loaded. */
  readonly engine: EmbeddingEngine;
  /** Streams progress through `emit` and resolves with the done event. */
  run(options?: { signal?: AbortSignal; emit?: (event: KbProgressEvent) => void }): Promise<BuiltKb>;
}

const PREVIEW_CHARS = 80;

/** Checks the model and cleans the entries; throws AppError (model_not_found, model_corrupt, empty_input, too_large). */
export function prepareKb(input: KbInput): PreparedKb {
  const model = getModelInfo(input.model ?? defaultModelId());
  return { model, ...cleanKnowledgeBase(input.entries, config().maxEntries ?? MAX_ENTRIES) };
}

/**
 * POST /api/kb's way in: everything that can fail before the stream starts (the model, the entries, the
 * request's permit (429), the model's load (500, 503), the size). `run` releases the permit when it ends.
 */
export async function openKbJob(input: KbInput): Promise<KbJob> {
  const prepared = prepareKb(input);
  const permit = admission().acquire();
  let job: KbJob;
  try {
    job = await loadKbJob(prepared, permit);
  } catch (error) {
    permit.release();
    throw error;
  }
  return { engine: job.engine, run: (options) => job.run(options).finally(() => permit.release()) };
}

/** The model's load and the size check, under a permit the caller holds (and releases). */
export async function loadKbJob(prepared: PreparedKb, permit: Permit): Promise<KbJob> {
  const started = performance.now();
  const engine = await loadEngine(prepared.model.id);
  kbRepository().checkFits(storedKb(prepared, "", prepared.model.hiddenSize, []));
  // A store that cannot open or a disk that cannot hold the save is said now (503, 507), not after embedding.
  await kbRepository().checkCanSave(kbIdOf(prepared.model.id, engine.info.graph, prepared.entries), prepared.entries, prepared.model.hiddenSize);
  const loadModelMs = performance.now() - started;
  return { engine, run: async ({ signal, emit = () => {} } = {}) => embedKb(prepared, engine, { signal, emit, permit, started, loadModelMs }) };
}

async function embedKb(
  prepared: PreparedKb,
  engine: EmbeddingEngine,
  context: { signal?: AbortSignal; emit: (event: KbProgressEvent) => void; permit: Permit; started: number; loadModelMs: number },
): Promise<BuiltKb> {
  const { model, entries, report } = prepared;
  const { signal, emit, permit, started, loadModelMs } = context;
  const repository = kbRepository();
  emit({ type: "cleaned", model: model.id, count: entries.length, report });
  const id = kbIdOf(model.id, engine.info.graph, entries);
  // In memory, else saved earlier (its vectors load into the rank worker on the first search).
  const existing = await repository.peek(id);
  const approximate = repository.isApproximate(entries.length);
  if (existing) return { kb: existing, approximate, done: doneEvent(existing, true, { loadModelMs, totalMs: performance.now() - started }) };
  throwIfCancelled(signal);

  const result = await engine.embed(entries, {
    kind: "document",
    signal,
    permit,
    onProgress: (event) => emit({ type: "progress", done: event.type === "batch" ? event.done : 0, total: event.total }),
  });
  const kb = storedKb(prepared, id, result.dims, truncatedEntries(result, entries));
  throwIfCancelled(signal);
  const saving = performance.now();
  await repository.save(kb, { graph: engine.info.graph, vectors: result.embeddings, indexPooling: model.nativePooling });
  const saveMs = performance.now() - saving;
  const { tokenizeMs, queueMs, inferenceMs, poolMs } = result.timings;
  return { kb, approximate, done: doneEvent(kb, false, { loadModelMs, tokenizeMs, queueMs, inferenceMs, poolMs, saveMs, totalMs: performance.now() - started }) };
}

function storedKb(prepared: PreparedKb, id: string, dims: number, truncated: TruncatedEntry[]): StoredKb {
  const { model, entries, report } = prepared;
  return { id, modelId: model.id, entries, dims, poolings: [...POOLINGS], report, truncated };
}

function doneEvent(kb: StoredKb, cached: boolean, timings: DoneEvent["timings"]): DoneEvent {
  return {
    type: "done",
    kbId: kb.id,
    model: kb.modelId,
    count: kb.entries.length,
    dims: kb.dims,
    truncated: kb.truncated,
    report: kb.report,
    cached,
    timings,
  };
}

function truncatedEntries(result: EmbedResult, entries: readonly string[]): TruncatedEntry[] {
  return result.truncated.map(({ index, tokens, kept }) => ({
    index,
    preview: entries[index].length > PREVIEW_CHARS ? `${entries[index].slice(0, PREVIEW_CHARS - 1)}…` : entries[index],
    tokens,
    keptTokens: kept,
  }));
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError("cancelled", "The request was cancelled before it finished.");
}
