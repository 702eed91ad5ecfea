/**
 * The durable side of knowledge bases: the process-wide store (PGlite in ./data, or DATABASE_URL), saving a
 * freshly embedded knowledge base, and finding one by id after a restart or an eviction. Server-only. The rank
 * worker stays the fast path: a stored knowledge base is loaded into it on first use. Above
 * SEMANTIC_RADAR_APPROX_ABOVE_ENTRIES entries a knowledge base stays in the database and is searched there with
 * an HNSW index (approximate).
 */
import "server-only";
import { AppError } from "../errors";
import { getModelInfo } from "../engine";
import type { Pooling } from "../pooling/strategies";
import type { CleaningReport, TruncatedEntry } from "../api/contract/wire-types";
import { hnswOptionsFrom, openStore, storeLocation } from "../store/open-store";
import type { KbRecord, KbVectors, KnowledgeBaseStore } from "../store/types";
import { kbStore, keepKb } from "./kb-store";
import type { StoredKb } from "./store";

const HOLDER_KEY = Symbol.for("semantic-radar.durable-store");
const global = globalThis as typeof globalThis & { [HOLDER_KEY]?: Promise<KnowledgeBaseStore> };

/** The process-wide store, opened (and migrated) on first use; a failed open is tried again by the next call. */
export function durableStore(): Promise<KnowledgeBaseStore> {
  if (!global[HOLDER_KEY]) {
    const opening = openStore(storeLocation(), hnswOptionsFrom());
    global[HOLDER_KEY] = opening;
    opening.catch(() => (global[HOLDER_KEY] = undefined));
  }
  return global[HOLDER_KEY];
}

/**
 * Knowledge bases with more entries than this are searched in the database through HNSW instead of in memory.
 * SEMANTIC_RADAR_APPROX_ABOVE_ENTRIES. @default 50,000 (the default entry limit: exact unless the server allows more)
 */
export function approximateAbove(env: Record<string, string | undefined> = process.env): number {
  const value = Number(env.SEMANTIC_RADAR_APPROX_ABOVE_ENTRIES);
  return Number.isInteger(value) && value >= 0 ? value : 50_000;
}

export function isApproximate(count: number): boolean {
  return count > approximateAbove();
}

/** A knowledge base ready to search: in the rank worker, or (approximate) in the database's HNSW index. */
export interface OpenedKb {
  kb: StoredKb;
  approximate: boolean;
}

/** Saves a freshly embedded knowledge base in one transaction, before anything can find its id. */
export async function saveKb(kb: StoredKb, graph: string, vectors: KbVectors, name?: string): Promise<void> {
  const indexPoolings: Pooling[] = isApproximate(kb.entries.length) ? [getModelInfo(kb.modelId).nativePooling] : [];
  const record = { ...kb, graph, name: name ?? defaultName(kb.entries), report: kb.report as unknown as KbRecord["report"], truncated: kb.truncated as unknown as KbRecord["truncated"] };
  await (await durableStore()).save(record, vectors, { indexPoolings });
}

/** Finds a knowledge base by id: in memory, else from the store (loading its vectors into the rank worker). */
export async function openKb(id: string): Promise<OpenedKb> {
  const inMemory = kbStore().get(id);
  if (inMemory) return { kb: inMemory, approximate: false };
  const store = await durableStore();
  const record = await store.get(id);
  if (!record) throw notFound(id);
  if (record.approximate) return { kb: storedKbOf(record), approximate: true };
  const loaded = await store.load(id);
  if (!loaded) throw notFound(id);
  // Another request may have loaded it meanwhile: keepKb replaces it with the same vectors, harmlessly.
  const kb = storedKbOf(loaded.kb);
  await keepKb(kb, loaded.vectors);
  return { kb, approximate: false };
}

/** The stored record of an id without loading its vectors (what a cached POST /api/kb answers with). */
export async function storedRecord(id: string): Promise<StoredKb | undefined> {
  const record = await (await durableStore()).get(id);
  return record && storedKbOf(record);
}

export function storedKbOf(record: KbRecord): StoredKb {
  return {
    id: record.id,
    modelId: record.modelId,
    entries: record.entries,
    dims: record.dims,
    poolings: record.poolings,
    report: record.report as unknown as CleaningReport,
    truncated: record.truncated as unknown as TruncatedEntry[],
  };
}

function defaultName(entries: readonly string[]): string {
  const first = entries[0] ?? "";
  return first.length > 60 ? `${first.slice(0, 59)}…` : first;
}

export function notFound(id: string): AppError {
  const shown = id.length > 40 ? `${id.slice(0, 37)}...` : id;
  return new AppError("kb_not_found", `No knowledge base with id "${shown}": expected the id of a saved knowledge base (GET /api/kbs lists them). It may have been deleted; embed it again with POST /api/kb.`);
}
