/**
 * Versioned schema migrations, the same SQL for PGlite and PostgreSQL. Each runs once, in order, in its own
 * transaction with its row in schema_migrations; append new versions, never edit an applied one.
 */
import type { Db } from "./db";

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: "knowledge bases, entries and vectors",
    sql: `
      CREATE EXTENSION IF NOT EXISTS vector;
      CREATE TABLE kbs (
        id text PRIMARY KEY,
        name text NOT NULL,
        model_id text NOT NULL,
        graph text NOT NULL,
        dims integer NOT NULL CHECK (dims > 0),
        count integer NOT NULL CHECK (count > 0),
        poolings text[] NOT NULL,
        indexed_poolings text[] NOT NULL DEFAULT '{}',
        report jsonb NOT NULL,
        truncated jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE kb_entries (
        kb_id text NOT NULL REFERENCES kbs (id) ON DELETE CASCADE,
        idx integer NOT NULL,
        text text NOT NULL,
        PRIMARY KEY (kb_id, idx)
      );
      -- One column for every model: the dimension is fixed per knowledge base, so HNSW indexes are partial
      -- expression indexes on embedding::vector(d) for one (kb_id, pooling) (pgvector's README shows the pattern).
      CREATE TABLE kb_vectors (
        kb_id text NOT NULL REFERENCES kbs (id) ON DELETE CASCADE,
        pooling text NOT NULL,
        idx integer NOT NULL,
        embedding vector NOT NULL,
        PRIMARY KEY (kb_id, pooling, idx)
      );
    `,
  },
  {
    version: 2,
    name: "documents: the source text, its structure and chunking",
    sql: `
      -- A knowledge base cut from a document keeps the document (its text, blocks, pages) and each entry's place in
      -- it, so the library and a shared link draw the same document view. One row per knowledge base, or none.
      CREATE TABLE kb_sources (
        kb_id text PRIMARY KEY REFERENCES kbs (id) ON DELETE CASCADE,
        text text NOT NULL,
        detail jsonb NOT NULL
      );
    `,
  },
];

/** Applies the migrations not yet applied; safe to call on every open. */
export async function migrate(db: Db): Promise<number[]> {
  await db.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
  const applied = new Set((await db.query<{ version: number }>("SELECT version FROM schema_migrations")).map((row) => Number(row.version)));
  const done: number[] = [];
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.version)) continue;
    await db.transaction(async (tx) => {
      await tx.exec(migration.sql);
      await tx.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [migration.version, migration.name]);
    });
    done.push(migration.version);
  }
  return done;
}
