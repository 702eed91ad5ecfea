/**
 * Opens the store the environment asks for: DATABASE_URL (a PostgreSQL server with pgvector) when set, else
 * PGlite in SEMANTIC_RADAR_DATA_DIR (default ./data). Migrations run on open.
 */
import { join, resolve } from "node:path";
import { mkdirSync } from "node:fs";
import { migrate } from "./migrations";
import { openPgDb } from "./pg-db";
import { openPgliteDb } from "./pglite-db";
import { SqlStore, type HnswOptions } from "./sql-store";
import type { KnowledgeBaseStore } from "./types";

export type StoreLocation = { kind: "postgres"; url: string } | { kind: "pglite"; dataDir?: string };

/** Where the data lives for this environment. */
export function storeLocation(env: Record<string, string | undefined> = process.env): StoreLocation {
  if (env.DATABASE_URL) return { kind: "postgres", url: env.DATABASE_URL };
  return { kind: "pglite", dataDir: join(resolve(env.SEMANTIC_RADAR_DATA_DIR ?? "data"), "pglite") };
}

export function hnswOptionsFrom(env: Record<string, string | undefined> = process.env): HnswOptions {
  const positive = (value: string | undefined) => (Number.isInteger(Number(value)) && Number(value) > 0 ? Number(value) : undefined);
  return { m: positive(env.SEMANTIC_RADAR_HNSW_M), efConstruction: positive(env.SEMANTIC_RADAR_HNSW_EF_CONSTRUCTION), efSearch: positive(env.SEMANTIC_RADAR_HNSW_EF_SEARCH) };
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
