/**
 * The process-wide knowledge-base store, the rank worker that holds the vectors, and the ids they key on.
 * Server-only. Both hang off globalThis because Next.js may bundle each route handler with its own copy of this
 * module; one store must serve them all.
 */
import "server-only";
import { createHash } from "node:crypto";
import type { Pooling } from "../pooling/strategies";
import { RankPool } from "./rank-pool";
import { KbStore, type StoredKb } from "./store";

const HOLDER_KEY = Symbol.for("semantic-radar.kb-store");
type Holder = { store: KbStore; ranks: RankPool };
const global = globalThis as typeof globalThis & { [HOLDER_KEY]?: Holder };

function holder(): Holder {
  if (!global[HOLDER_KEY]) {
    const ranks = new RankPool((reason) => {
      console.error(`[semantic-radar] the rank worker stopped (${reason}); in-memory knowledge bases must be embedded again`);
      store.clear();
    });
    const store = new KbStore({ onEvict: (id) => void ranks.drop(id).catch(() => undefined) });
    global[HOLDER_KEY] = { store, ranks };
  }
  return global[HOLDER_KEY];
}

export function kbStore(): KbStore {
  return holder().store;
}

export function rankPool(): RankPool {
  return holder().ranks;
}

/**
 * Keeps a knowledge base: its vectors move to the rank worker (the arrays given are empty afterwards), then
 * the store lists it. The worker receives them before any search that can find the id.
 */
export async function keepKb(kb: StoredKb, vectors: Partial<Record<Pooling, Float32Array>>): Promise<void> {
  kbStore().checkFits(kb);
  await rankPool().put(kb.id, kb.dims, vectors);
  kbStore().set(kb);
}

/**
 * A content address: the same entries on the same model and graph get the same id, so re-sending an unchanged
 * knowledge base finds its vectors instead of embedding it again.
 */
export function kbIdOf(modelId: string, graph: string, entries: readonly string[]): string {
  const hash = createHash("sha256").update(JSON.stringify([modelId, graph, entries])).digest("hex");
  return `kb_${hash.slice(0, 24)}`;
}
