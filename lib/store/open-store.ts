/**
 * Opens the store the configuration asks for: DATABASE_URL (a PostgreSQL server with pgvector) when set, else
 * PGlite in SEMANTIC_RADAR_DATA_DIR (default ./data), run in a worker thread of its own and locked to this
 * process (data-dir-lock.ts). Migrations run on open.
 */
import { join } from "node:path";
import { mkdirSync } from "node:fs";
import { config, type Config, type PgliteThread } from "../config";
import { lockDataDir } from "./data-dir-lock";
import { migrate } from "./migrations";
import { openPgDb } from "./pg-db";
import { openPgliteDb } from "./pglite-db";
import { SqlStore, type HnswOptions } from "./sql-store";
import type { KnowledgeBaseStore } from "./types";
import { WorkerStore } from "./worker-store";

export type StoreLocation = { kind: "postgres"; url: string } | { kind: "pglite"; dataDir?: string };

/** Where the data lives for this configuration. */
export function storeLocation(settings: Pick<Config, "databaseUrl" | "dataDir"> = config()): StoreLocation {
  if (settings.databaseUrl) return { kind: "postgres", url: settings.databaseUrl };
  return { kind: "pglite", dataDir: join(settings.dataDir, "pglite") };
}

export function hnswOptionsFrom(settings: Pick<Config, "hnsw"> = config()): HnswOptions {
  return { ...settings.hnsw };
}

/**
 * Opens (creating and migrating) the store at `location`. PGlite runs in its own worker thread unless `thread`
 * says "main" (SEMANTIC_RADAR_PGLITE_THREAD, only to compare the two in a benchmark).
 */
export async function openStore(location: StoreLocation, hnsw: HnswOptions = {}, thread: PgliteThread = config().pgliteThread): Promise<KnowledgeBaseStore> {
  if (location.kind === "pglite") {
    if (location.dataDir) {
      lockDataDir(location.dataDir);
      mkdirSync(location.dataDir, { recursive: true });
    }
    if (thread === "worker") return WorkerStore.open(location.dataDir, hnsw);
  }
  const db = location.kind === "postgres" ? await openPgDb(location.url) : await openPgliteDb(location.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return new SqlStore(location.kind, db, hnsw);
}
