/** The id of a knowledge base. Server-only (node:crypto). */
import "server-only";
import { createHash } from "node:crypto";

/**
 * A content address: the same entries on the same model and graph get the same id, so re-sending an unchanged
 * knowledge base finds its vectors instead of embedding it again. A document's knowledge base also hashes its
 * source (the document's text and structure, the chunking and the chunks' places): two documents that happen
 * to cut into the same entries are still two knowledge bases, each with its own view.
 */
export function kbIdOf(modelId: string, graph: string, entries: readonly string[], source?: unknown): string {
  const hash = createHash("sha256").update(JSON.stringify([modelId, graph, entries]));
  // Keys sorted: the source comes back from JSON columns (jsonb orders keys its own way) and export files.
  if (source !== undefined) hash.update(canonicalJson(source));
  return `kb_${hash.digest("hex").slice(0, 24)}`;
}

/** JSON with every object's keys sorted and undefined members left out. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => (item === undefined ? "null" : canonicalJson(item))).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const members = Object.keys(value as object)
      .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${members.join(",")}}`;
  }
  return JSON.stringify(value);
}
