/**
 * The process-wide knowledge-base store and the ids it keys on. Server-only. The store hangs off globalThis
 * because Next.js may bundle each route handler with its own copy of this module; one Map must serve them all.
 */
import "server-only";
import { createHash } from "node:crypto";
import { KbStore } from "./store";

const STORE_KEY = Symbol.for("semantic-radar.kb-store");
type WithStore = typeof globalThis & { [STORE_KEY]?: KbStore };

export function kbStore(): KbStore {
  const holder = globalThis as WithStore;
  holder[STORE_KEY] ??= new KbStore();
  return holder[STORE_KEY];
}

/**
 * A content address: the same entries on the same model and graph get the same id, so re-sending an unchanged
 * knowledge base finds its vectors instead of embedding it again.
 */
export function kbIdOf(modelId: string, graph: string, entries: readonly string[]): string {
  const hash = createHash("sha256").update(JSON.stringify([modelId, graph, entries])).digest("hex");
  return `kb_${hash.slice(0, 24)}`;
}
