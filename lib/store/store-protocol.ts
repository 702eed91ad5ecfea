/** What the main thread asks the store worker (store-worker.ts) and what it answers. */
import type { HnswOptions } from "./sql-store";

/** The store's methods the worker answers, by name: the KnowledgeBaseStore contract and the plan check. */
export const STORE_METHODS = ["save", "has", "get", "load", "list", "rename", "library", "keep", "holds", "release", "delete", "nearest", "readDocument", "writeDocument", "explainNearest"] as const;
export type StoreMethod = (typeof STORE_METHODS)[number];

export type StoreWorkerRequest =
  | { type: "open"; dataDir?: string; hnsw: HnswOptions }
  | { type: "call"; method: StoreMethod; args: unknown[] }
  | { type: "close" };
