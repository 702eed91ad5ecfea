/**
 * Embeds a knowledge base with every pooling and keeps it under its id. Server-only. In two steps so the API
 * answers with a real HTTP status for everything it can know before it starts streaming: `openKbJob` checks the
 * model, cleans, takes a place in the admission limit (429) and loads the model (404, 500); `run` streams.
 */
import "server-only";
import { admission, defaultModelId, getModelInfo, loadEngine, type EmbedResult, type EmbeddingEngine, type ModelInfo } from "../engine";
import { AppError } from "../errors";
import { POOLINGS } from "../pooling/strategies";
import type { CleaningReport, KbEvent, TruncatedEntry } from "../api/contract/wire-types";
import { cleanKnowledgeBase } from "./clean";
import { isApproximate, saveKb, storedRecord } from "./durable";
import { kbIdOf, kbStore, keepKb } from "./kb-store";
import type { StoredKb } from "./store";

export interface PreparedKb {
  model: ModelInfo;
  entries: string[];
  report: CleaningReport;
}

export type DoneEvent = Extract<KbEvent, { type: "done" }>;
export type KbProgressEvent = Exclude<KbEvent, { type: "done" } | { type: "error" }>;

export interface KbJob {
  /** Streams progress through `emit` and resolves with the done event; releases the job's permit either way. */
  run(options?: { signal?: AbortSignal; emit?: (event: KbProgressEvent) => void }): Promise<{ kb: StoredKb; done: DoneEvent; approximate: boolean }>;
}

const PREVIEW_CHARS = 80;

/** Checks the model and cleans the entries; throws AppError (model_not_found, model_corrupt, empty_input, too_large). */
export function prepareKb(input: { model?: string; entries: readonly string[] }): PreparedKb {
  const model = getModelInfo(input.model ?? defaultModelId());
  return { model, ...cleanKnowledgeBase(input.entries) };
}

/** Everything that can fail before the stream starts: a permit (429), the model's load (500, 503), the size. */
export async function openKbJob(prepared: PreparedKb): Promise<KbJob> {
  const permit = admission().acquire();
  const started = performance.now();
  let engine: EmbeddingEngine;
  try {
    engine = await loadEngine(prepared.model.id);
    // A knowledge base searched in the database (approximate) never has to fit in memory.
    if (!isApproximate(prepared.entries.length)) kbStore().checkFits(storedKb(prepared, "", prepared.model.hiddenSize, []));
  } catch (error) {
    permit.release();
    throw error;
  }
  const loadModelMs = performance.now() - started;
  return {
    run: async ({ signal, emit = () => {} } = {}) => {
      try {
        return await embedKb(prepared, engine, { signal, emit, permit, started, loadModelMs });
      } finally {
        permit.release();
      }
    },
  };
}

async function embedKb(
  prepared: PreparedKb,
  engine: EmbeddingEngine,
  context: { signal?: AbortSignal; emit: (event: KbProgressEvent) => void; permit: { release(): void }; started: number; loadModelMs: number },
): Promise<{ kb: StoredKb; done: DoneEvent; approximate: boolean }> {
  const { model, entries, report } = prepared;
  const { signal, emit, permit, started, loadModelMs } = context;
  emit({ type: "cleaned", model: model.id, count: entries.length, report });
  const id = kbIdOf(model.id, engine.info.graph, entries);
  // In memory, else saved earlier (its vectors load into the rank worker on the first search).
  const existing = kbStore().get(id) ?? (await storedRecord(id));
  const approximate = isApproximate(entries.length);
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
  // The store first (one transaction), then the rank worker: keepKb moves the arrays, leaving them empty.
  const saving = performance.now();
  await saveKb(kb, engine.info.graph, result.embeddings);
  const saveMs = performance.now() - saving;
  if (!approximate) await keepKb(kb, result.embeddings);
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
