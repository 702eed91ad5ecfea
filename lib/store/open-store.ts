/**
 * Opens the store the environment asks for: DATABASE_URL (a PostgreSQL server with pgvector) when set, else
 * PGlite in SEMANTIC_RADAR_DATA_DIR (default ./data). Migrations run on open.
 */
import { join } from "node:path";
import { config, type Config } from "../config";
import { mkdirSync } from "node:fs";
import { migrate } from "./migrations";
import { openPgDb } from "./pg-db";
import { openPgliteDb } from "./pglite-db";
import { SqlStore, type HnswOptions } from "./sql-store";
import type { KnowledgeBaseStore } from "./types";

export type StoreLocation = { kind: "postgres"; url: string } | { kind: "pglite"; dataDir?: string };

/** Where the data lives for this configuration. */
export function storeLocation(settings: Pick<Config, "databaseUrl" | "dataDir"> = config()): StoreLocation {
  if (settings.databaseUrl) return { kind: "postgres", url: settings.databaseUrl };
  return { kind: "pglite", dataDir: join(settings.dataDir, "pglite") };
}

export function hnswOptionsFrom(settings: Pick<Config, "hnsw"> = config()): HnswOptions {
  return { ...settings.hnsw };
}

export async function openStore(location: StoreLocation, hnsw: HnswOptions = {}): Promise<KnowledgeBaseStore> {
  if (location.kind === "pglite" && location.dataDir) mkdirSync(location.dataDir, { recursive: true });
  const db = location.kind === "postgres" ? await openPgDb(location.url) : await openPgliteDb(location.dataDir);
  try {
    await migrate(db);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw error;
  }
  return new SqlStore(location.kind, db, hnsw);
}
