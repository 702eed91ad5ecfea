/**
 * Versioned schema migrations, the same SQL for PGlite and PostgreSQL. Each runs once, in order, with its row in
 * schema_migrations; append new versions, never edit an applied one. Several servers may start on one database at
 * once: they take turns through an advisory lock, so the second finds the first's work done instead of failing on
 * a table that now exists.
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
  {
    version: 3,
    name: "change notices and shared results",
    sql: `
      -- Every change to a knowledge base's row (a rename, a delete, any column added later such as an owner) is
      -- announced by id to every server listening on this database (kb-changes.ts): they drop what they hold of it.
      -- A save is not announced: a new id is held nowhere yet. NOTIFY is sent at commit, never for a rollback.
      -- The argument names the row's knowledge-base id column, so a table added later that belongs to a knowledge
      -- base (kb_id) can announce its changes with the same function.
      CREATE FUNCTION notify_kb_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('semantic_radar_kb_changed', to_jsonb(CASE WHEN TG_OP = 'INSERT' THEN NEW ELSE OLD END) ->> TG_ARGV[0]);
        RETURN NULL;
      END
      $$;
      CREATE TRIGGER kbs_changed AFTER UPDATE OR DELETE ON kbs FOR EACH ROW EXECUTE FUNCTION notify_kb_changed('id');
      -- Results computed once and shared by every server on the database (calibrations), by key.
      CREATE TABLE shared_results (
        key text PRIMARY KEY,
        body jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    version: 4,
    name: "libraries: who holds each knowledge base, under which name",
    // Knowledge bases saved before this version are held by no library: the teacher's room page lists them
    // (to publish or remove); nobody else does.
    sql: `
      CREATE TABLE kb_library (
        owner text NOT NULL,
        kb_id text NOT NULL REFERENCES kbs (id) ON DELETE CASCADE,
        name text,
        saved_at timestamptz,
        PRIMARY KEY (owner, kb_id)
      );
      CREATE INDEX kb_library_kb ON kb_library (kb_id);
    `,
  },
];

/** Any number: the same on every server, so that only one migrates at a time. */
const MIGRATION_LOCK = 7_253_961;

/** Applies the migrations not yet applied; safe to call on every open. */
export async function migrate(db: Db): Promise<number[]> {
  // One transaction holding the lock until it commits: a server starting beside another waits here, then reads
  // the versions the other applied. A failed migration leaves the schema as it was.
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await tx.exec("CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
    const applied = new Set((await tx.query<{ version: number }>("SELECT version FROM schema_migrations")).map((row) => Number(row.version)));
    const done: number[] = [];
    for (const migration of MIGRATIONS) {
      if (applied.has(migration.version)) continue;
      await tx.exec(migration.sql);
      await tx.query("INSERT INTO schema_migrations (version, name) VALUES ($1, $2)", [migration.version, migration.name]);
      done.push(migration.version);
    }
    return done;
  });
}
