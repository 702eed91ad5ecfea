/**
 * Embeds a knowledge base with every pooling and keeps it under its id. Server-only. Split in two so the API
 * can refuse bad input with a proper HTTP status before it starts streaming progress.
 */
import "server-only";
import { defaultModelId, engineStates, getModelInfo, loadEngine, type EmbedResult, type ModelInfo } from "../engine";
import { AppError } from "../errors";
import { cleanKnowledgeBase } from "./clean";
import { kbIdOf, kbStore } from "./kb-store";
import type { StoredKb } from "./store";
import type { CleaningReport, KbEvent, TruncatedEntry } from "./types";

export interface PreparedKb {
  model: ModelInfo;
  entries: string[];
  report: CleaningReport;
}

export type DoneEvent = Extract<KbEvent, { type: "done" }>;
export type KbProgressEvent = Exclude<KbEvent, { type: "done" } | { type: "error" }>;

const PREVIEW_CHARS = 80;

/** Checks the model and cleans the entries; throws AppError (model_not_found, empty_input, too_large). */
export function prepareKb(input: { model?: string; entries: readonly string[] }): PreparedKb {
  const model = getModelInfo(input.model ?? defaultModelId());
  return { model, ...cleanKnowledgeBase(input.entries) };
}

/** Embeds (or finds already embedded) a prepared knowledge base; reports progress through `emit`. */
export async function embedKb(
  prepared: PreparedKb,
  options: { signal?: AbortSignal; emit?: (event: KbProgressEvent) => void } = {},
): Promise<{ kb: StoredKb; done: DoneEvent }> {
  const { model, entries, report } = prepared;
  const { signal, emit = () => {} } = options;
  const started = performance.now();
  emit({ type: "cleaned", model: model.id, count: entries.length, report });
  if (!engineStates().some((state) => state.modelId === model.id && state.status === "ready")) {
    emit({ type: "loading", model: model.id });
  }
  const engine = await loadEngine(model.id);
  const loadModelMs = performance.now() - started;
  throwIfCancelled(signal);

  const id = kbIdOf(model.id, engine.info.graph, entries);
  const existing = kbStore().get(id);
  if (existing) return { kb: existing, done: doneEvent(existing, true, { loadModelMs, totalMs: performance.now() - started }) };

  const result = await engine.embed(entries, {
    kind: "document",
    signal,
    onProgress: (event) => emit(event.type === "batch" ? { type: "progress", done: event.done, total: event.total } : { type: "progress", done: 0, total: event.total }),
  });
  const kb: StoredKb = {
    id,
    modelId: model.id,
    entries,
    dims: result.dims,
    embeddings: result.embeddings,
    report,
    truncated: truncatedEntries(result, entries),
  };
  kbStore().set(kb);
  const { tokenizeMs, queueMs, inferenceMs, poolMs } = result.timings;
  return { kb, done: doneEvent(kb, false, { loadModelMs, tokenizeMs, queueMs, inferenceMs, poolMs, totalMs: performance.now() - started }) };
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
