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
import { chunkKbDocument, type ChunkedKbDocument } from "./document-kb";
import { kbIdOf } from "./kb-id";
import { MAX_ENTRIES } from "./limits";
import type { LibraryOwner } from "../store/types";
import { kbRepository } from "./repository";
import { embedResumable } from "./resumable-embed";
import type { CleaningReport, DocumentKbInput, KbBuildEvent, KbInput, StoredKb, TruncatedEntry } from "./types";

export interface PreparedKb {
  model: ModelInfo;
  entries: string[];
  report: CleaningReport;
  /** A document's knowledge base: what parsing and chunking made of it. */
  document?: ChunkedKbDocument;
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
  return { model, ...cleanKnowledgeBase(input.entries ?? [], config().maxEntries ?? MAX_ENTRIES) };
}

/**
/**
 * POST /api/kb's way in: everything that can fail before the stream starts (the model, the entries or the
 * document, the request's permit (429), the model's load (500, 503), the size). `run` releases the permit when
 * it ends, and puts the knowledge base in `owner`'s library, unnamed: held (the browser may name, export or
 * delete it), not listed until it is given a name.
 */
export async function openKbJob(input: KbInput, owner?: LibraryOwner): Promise<KbJob> {
  const prepared = input.document ? undefined : prepareKb(input);
  if (!prepared) getModelInfo(input.model ?? defaultModelId()); // an unknown model is a 404 before anything else
  const permit = admission().acquire();
  let job: KbJob;
  try {
    job = await loadKbJob(prepared ?? (await prepareDocumentKb(input as DocumentKbInput)), permit);
  } catch (error) {
    permit.release();
    throw error;
  }
  const run = async (options?: Parameters<KbJob["run"]>[0]) => {
    const built = await job.run(options);
    // Without an owner (a benchmark, a script) it is kept for its vectors and held by no library.
    if (owner !== undefined) await kbRepository().keep(owner, built.kb.id);
    return built;
  };
  return { engine: job.engine, run: (options) => run(options).finally(() => permit.release()) };
}

/** Parses and chunks a document (its tokens counted by the model's own tokenizer), under the caller's permit. */
export async function prepareDocumentKb(input: DocumentKbInput): Promise<PreparedKb> {
  const model = getModelInfo(input.model ?? defaultModelId());
  const engine = await loadEngine(model.id);
  const document = await chunkKbDocument(input, input.chunking ?? { method: "recursive" }, engine);
  const { entries, report: chunkReport, cutToChars } = document.chunked;
  const limit = config().maxEntries ?? MAX_ENTRIES;
  if (entries.length > limit) {
    throw new AppError("too_large", `The document cuts into too many chunks: expected at most ${limit.toLocaleString("en")}, got ${entries.length.toLocaleString("en")}. Choose longer chunks (paragraphs, or recursive with a bigger size).`);
  }
  const report: CleaningReport = { given: entries.length + chunkReport.dropped, kept: entries.length, blank: 0, symbolsOnly: chunkReport.dropped, duplicates: 0, cutToChars };
  return { model, entries, report, document };
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
  const { model, entries, report, document } = prepared;
  const { signal, emit, permit, started, loadModelMs } = context;
  const repository = kbRepository();
  if (document) {
    const { doc, source, chunked } = document;
    emit({ type: "chunked", model: model.id, document: doc, chunking: source.chunking, chunks: source.chunks, report: chunked.report });
  }
  emit({ type: "cleaned", model: model.id, count: entries.length, report });
  const id = kbIdOf(model.id, engine.info.graph, entries, document?.source);
  const documentMs = document ? document.timings : {};
  // In memory, else saved earlier (its vectors load into the rank worker on the first search).
  const existing = await repository.peek(id);
  const approximate = repository.isApproximate(entries.length);
  if (existing) return { kb: existing, approximate, done: doneEvent(existing, prepared, true, 0, { ...documentMs, loadModelMs, totalMs: performance.now() - started }) };
  throwIfCancelled(signal);

  const result = await embedResumable(engine, id, entries, { signal, permit, onProgress: (done, total) => emit({ type: "progress", done, total }) });
  const kb = storedKb(prepared, id, result.dims, truncatedEntries(result, entries));
  throwIfCancelled(signal);
  const saving = performance.now();
  await repository.save(kb, { graph: engine.info.graph, vectors: result.embeddings, indexPooling: model.nativePooling });
  const saveMs = performance.now() - saving;
  const { tokenizeMs, queueMs, inferenceMs, poolMs } = result.timings;
  const timings = { ...documentMs, loadModelMs, tokenizeMs, queueMs, inferenceMs, poolMs, saveMs, totalMs: performance.now() - started };
  return { kb, approximate, done: doneEvent(kb, prepared, false, result.resumed, timings) };
}

function storedKb(prepared: PreparedKb, id: string, dims: number, truncated: TruncatedEntry[]): StoredKb {
  const { model, entries, report, document } = prepared;
  return { id, modelId: model.id, entries, dims, poolings: [...POOLINGS], report, truncated, ...(document ? { source: document.source } : {}) };
}

function doneEvent(kb: StoredKb, prepared: PreparedKb, cached: boolean, resumed: number, timings: DoneEvent["timings"]): DoneEvent {
  const chunks = kb.source?.chunks ?? prepared.document?.source.chunks;
  return {
    type: "done",
    kbId: kb.id,
    model: kb.modelId,
    count: kb.entries.length,
    dims: kb.dims,
    truncated: kb.truncated,
    report: kb.report,
    cached,
    ...(resumed > 0 ? { resumed } : {}),
    ...(chunks ? { chunks, chunkReport: prepared.document?.chunked.report } : {}),
    timings,
  };
}

function truncatedEntries(result: Pick<EmbedResult, "truncated">, entries: readonly string[]): TruncatedEntry[] {
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
