/**
 * The rank worker: it holds every in-memory knowledge base's vectors (moved here, not copied, when a knowledge
 * base is embedded) and answers searches: scores by onnxruntime's MatMul, top-k by partial selection, ranks for
 * the hits only. Off the main thread, so a search over 100,000 entries never stalls the server's event loop.
 */
import { config } from "../config";
import { AppError } from "../errors";
import type { Pooling } from "../pooling/strategies";
import { createScorer, type Scorer } from "../engine/score";
import { matryoshkaCut } from "../pooling/matryoshka";
import { serveRequests } from "../engine/worker/serve";
import { rankScores } from "./rank";
import type { RankReply, RankWorkerRequest } from "./rank-protocol";

interface HeldKb {
  dims: number;
  vectors: Partial<Record<Pooling, Float32Array>>;
}

const held = new Map<string, HeldKb>();
let scorer: Promise<Scorer> | undefined;
// The last Matryoshka cut asked for, kept for the next search with the same cut: one knowledge base's worth at
// most, so the memory the cache accounts for (kb-cache.ts) at most doubles for the one being explored.
let lastCut: { kbId: string; dims: number; vectors: Partial<Record<Pooling, Float32Array>> } | undefined;

/** The knowledge base's rows of one pooling at `dims` (its own rows when that is its full size). */
function rowsAt(kbId: string, kb: HeldKb, pooling: Pooling, dims: number): Float32Array | undefined {
  const rows = kb.vectors[pooling];
  if (!rows || dims === kb.dims) return rows;
  if (lastCut?.kbId !== kbId || lastCut.dims !== dims) lastCut = { kbId, dims, vectors: {} };
  return (lastCut.vectors[pooling] ??= matryoshkaCut(rows, kb.dims, dims));
}

function heldKb(kbId: string): HeldKb {
  const kb = held.get(kbId);
  if (!kb) throw new AppError("kb_not_found", `the vectors of knowledge base "${kbId}" are not in memory; embed it again`);
  return kb;
}

async function rank(request: Extract<RankWorkerRequest, { type: "rank" }>): Promise<RankReply> {
  const kb = heldKb(request.kbId);
  const started = performance.now();
  const score = await (scorer ??= createScorer(config().rankThreads));
  const scores: Partial<Record<Pooling, Float32Array>> = {};
  const dims = request.dims ?? kb.dims;
  for (const p of request.poolings) {
    const vectors = rowsAt(request.kbId, kb, p, dims);
    const query = request.queries[p];
    if (!vectors || !query) throw new AppError("internal", `No ${p} vectors: expected both document and query vectors for it.`);
    scores[p] = await score.score(vectors, dims, query);
  }
  const scoredAt = performance.now();
  const ranking = rankScores(scores, request.poolings, request.topK);
  return { ...ranking, scoreMs: scoredAt - started, rankMs: performance.now() - scoredAt };
}

serveRequests<RankWorkerRequest>(async (request) => {
  switch (request.type) {
    case "put":
      held.set(request.kbId, { dims: request.dims, vectors: request.vectors });
      return { result: null };
    case "drop":
      held.delete(request.kbId);
      if (lastCut?.kbId === request.kbId) lastCut = undefined;
      return { result: null };
    case "rank":
      return { result: await rank(request) };
    case "vectors": {
      const rows = heldKb(request.kbId).vectors[request.pooling];
      if (!rows) throw new AppError("internal", `knowledge base "${request.kbId}" has no ${request.pooling} vectors`);
      const copy = rows.slice();
      return { result: copy, transfer: [copy.buffer as ArrayBuffer] };
    }
  }
});
