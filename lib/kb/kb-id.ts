/** The id of a knowledge base. Server-only (node:crypto). */
import "server-only";
import { createHash } from "node:crypto";

/**
 * A content address: the same entries on the same model and graph get the same id, so re-sending an unchanged
 * knowledge base finds its vectors instead of embedding it again.
 */
export function kbIdOf(modelId: string, graph: string, entries: readonly string[]): string {
  const hash = createHash("sha256").update(JSON.stringify([modelId, graph, entries])).digest("hex");
  return `kb_${hash.slice(0, 24)}`;
}
