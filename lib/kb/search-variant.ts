/**
 * Searches off the defaults (another layer, a correction, another precision). The stored vectors are the last
 * layer's in float32, so such a search embeds the knowledge base at the asked layer (kept for the next query in
 * a small cache), embeds the query the same way and ranks by brute force (rank-variant.ts). Server-only.
 */
import "server-only";
import { AppError } from "../errors";
import type { EmbeddingEngine, Permit } from "../engine";
import { isLastLayer, layerKey, type Layer } from "../pooling/layers";
import type { Pooling } from "../pooling/strategies";
import { MAX_VARIANT_ENTRIES, rankVariant, type VariantRanking } from "./rank-variant";
import type { SearchInput, SearchVariant, StoredKb } from "./types";

/** Knowledge bases embedded at a layer other than the stored one, most recent last. */
const CACHE_SIZE = 4;
const cache = new Map<string, { dims: number; rows: Partial<Record<Pooling, Float32Array>> }>();

/** The variant a request asks for, defaults filled in. */
export function variantOf(request: SearchInput, engine: EmbeddingEngine): SearchVariant {
  const lastLayer = engine.info.model.numLayers;
  const correction = request.correction ?? "none";
  const cut = correction === "whitening" && request.whiteningDims !== undefined ? { whiteningDims: request.whiteningDims } : {};
  return { layer: layerKey(request.layer ?? lastLayer), lastLayer, correction, ...cut, precision: request.precision ?? "float32" };
}

export function isDefaultVariant(request: SearchInput, engine: EmbeddingEngine): boolean {
  return isLastLayer(request.layer, engine.info.model.numLayers) && (request.correction ?? "none") === "none" && (request.precision ?? "float32") === "float32";
}

export interface VariantSearch {
  kb: StoredKb;
  engine: EmbeddingEngine;
  request: SearchInput;
  poolings: Pooling[];
  permit: Permit;
  signal?: AbortSignal;
  /** How many of each pooling's order to return (more than topK for a filter or a hybrid list). @default topK */
  rankK?: number;
}

export async function searchVariant({ kb, engine, request, poolings, permit, signal, rankK }: VariantSearch): Promise<VariantRanking & { truncatedQuery: boolean }> {
  if (kb.entries.length > MAX_VARIANT_ENTRIES) {
    throw new AppError(
      "too_large",
      `Another layer, a correction or another precision is computed per search on knowledge bases of up to ${MAX_VARIANT_ENTRIES} entries; this one has ${kb.entries.length}. Search it with the defaults (last layer, no correction, float32), or search a smaller one.`,
    );
  }
  const layer: Layer = request.layer ?? engine.info.model.numLayers;
  const docs = await documentRows(kb.id, kb.entries, engine, layer, permit, signal);
  const query = await engine.embed([request.query], { kind: "query", poolings, layer, signal, permit });
  const ranking = rankVariant(docs.rows, query.embeddings, docs.dims, { poolings, topK: rankK ?? request.topK, checkK: request.topK, correction: request.correction ?? "none", precision: request.precision ?? "float32", whiteningDims: request.whiteningDims });
  return { ...ranking, truncatedQuery: query.truncated.length > 0 };
}

/** A knowledge base's vectors at a layer (every pooling), kept for the next search or explanation of it. */
export async function documentRows(id: string, entries: readonly string[], engine: EmbeddingEngine, layer: Layer, permit: Permit, signal?: AbortSignal) {
  const key = `${id}\u0000${layerKey(layer)}`;
  const kept = cache.get(key);
  if (kept) {
    cache.delete(key);
    cache.set(key, kept);
    return kept;
  }
  const embedded = await engine.embed(entries, { kind: "document", layer, signal, permit });
  const entry = { dims: embedded.dims, rows: embedded.embeddings };
  cache.set(key, entry);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return entry;
}
