/**
 * Ranking a knowledge base too big for memory: each pooling's top k straight from the database through its
 * HNSW index (`ORDER BY embedding <=> $q LIMIT k`). Server-only. There is no histogram (the scores of every entry
 * are never computed), and an entry's rank under another pooling is known only when it is in that pooling's top k.
 */
import "server-only";
import type { Pooling } from "../pooling/strategies";
import type { KnowledgeBaseStore } from "../store/types";
import type { RankReply } from "./rank-protocol";
import type { ScoredHit } from "./rank";

export async function rankInDatabase(store: KnowledgeBaseStore, kbId: string, queries: Partial<Record<Pooling, Float32Array>>, poolings: Pooling[], topK: number): Promise<RankReply> {
  const started = performance.now();
  const lists = new Map<Pooling, number[]>();
  const scored = new Map<Pooling, { index: number; score: number }[]>();
  for (const pooling of poolings) {
    const hits = await store.nearest(kbId, pooling, queries[pooling]!, topK);
    scored.set(pooling, hits);
    lists.set(pooling, hits.map((hit) => hit.index));
  }
  const scoredAt = performance.now();
  const hits: Partial<Record<Pooling, ScoredHit[]>> = {};
  for (const [pooling, list] of scored) {
    hits[pooling] = list.map(({ index, score }, position) => {
      const ranks: Partial<Record<Pooling, number>> = {};
      for (const [other, indices] of lists) {
        const at = indices.indexOf(index);
        if (at >= 0) ranks[other] = at + 1;
      }
      return { index, score, rank: position + 1, ranks };
    });
  }
  return { hits, histograms: {}, scoreMs: scoredAt - started, rankMs: performance.now() - scoredAt };
}
