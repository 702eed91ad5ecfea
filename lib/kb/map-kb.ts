/**
 * A knowledge base on a 2-D map, one layout per pooling. Server-only. The vectors come from the rank worker (a
 * copy), a large knowledge base is sampled with a fixed seed, the query is embedded with the model's query
 * prompt, and the layout runs in the map worker.
 */
import "server-only";
import { admission, loadEngine } from "../engine";
import { AppError } from "../errors";
import { cutToChars } from "./clean";
import { layoutVectors } from "./map-pool";
import { MAP_MAX_POINTS, MAP_PREVIEW_CHARS, MAP_SEED, type KbMap, type MapInput, type PoolingMap } from "./map-types";
import { sampleIndices } from "./projection";
import { kbRepository } from "./repository";

export async function mapKb(request: MapInput, signal?: AbortSignal): Promise<KbMap> {
  const started = performance.now();
  const { query } = request;
  const poolings = [...request.poolings];
  const repository = kbRepository();
  const permit = admission().acquire();
  try {
    const { kb, approximate } = await repository.find(request.kbId);
    if (approximate) {
      // Its vectors live in the database's HNSW index only; a map would read every one of them.
      throw new AppError("too_large", `This knowledge base has ${kb.entries.length.toLocaleString("en")} entries and is searched approximately: expected at most ${repository.approximateAbove.toLocaleString("en")} entries for a map.`);
    }
    const kept = sampleIndices(kb.entries.length, MAP_MAX_POINTS[request.method], MAP_SEED);
    const embedded = query ? await (await loadEngine(kb.modelId)).embed([query], { kind: "query", poolings, signal, permit }) : undefined;
    const maps: KbMap["poolings"] = {};
    for (const pooling of poolings) {
      const all = await repository.vectors(kb.id, pooling); // [entries, dims]
      const rows = kept.length === kb.entries.length ? all : pickRows(all, kept, kb.dims);
      const queryRow = embedded?.embeddings[pooling]?.slice();
      const layout = await layoutVectors({ method: request.method, rows, count: kept.length, dims: kb.dims, query: queryRow, seed: MAP_SEED });
      const { coords, scores } = layout;
      const map: PoolingMap = {
        points: kept.map((index, r) => ({ index, x: coords[r * 2], y: coords[r * 2 + 1], score: scores?.[r], text: cutToChars(kb.entries[index], MAP_PREVIEW_CHARS) })),
        explainedVariance: layout.explainedVariance,
      };
      if (queryRow) map.query = { x: coords[kept.length * 2], y: coords[kept.length * 2 + 1] };
      maps[pooling] = map;
    }
    const sample = kept.length < kb.entries.length ? { kept: kept.length, of: kb.entries.length, seed: MAP_SEED } : null;
    return { kbId: kb.id, model: kb.modelId, method: request.method, count: kb.entries.length, sample, poolings: maps, timings: { totalMs: performance.now() - started } };
  } finally {
    permit.release();
  }
}

/** The rows at `indices` of a [count, dims] matrix: [indices.length, dims]. */
function pickRows(all: Float32Array, indices: readonly number[], dims: number): Float32Array {
  const out = new Float32Array(indices.length * dims);
  indices.forEach((index, r) => out.set(all.subarray(index * dims, (index + 1) * dims), r * dims));
  return out;
}
