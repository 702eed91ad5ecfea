/** The embedded database: PGlite (PostgreSQL in WASM) with pgvector, persisted to a folder. */
import type { PGlite, Transaction } from "@electric-sql/pglite";
import type { Db, Queryable, Row } from "./db";

function queryable(target: PGlite | Transaction): Queryable {
  return {
    query: async <T extends Row>(sql: string, params: unknown[] = []) => (await target.query<T>(sql, params)).rows,
    exec: async (sql: string) => void (await target.exec(sql)),
    copyBinary: async (table: string, columns: string, data: Uint8Array) =>
      void (await target.query(`COPY ${table} (${columns}) FROM '/dev/blob' WITH (FORMAT binary)`, [], { blob: new Blob([data as Uint8Array<ArrayBuffer>]) })),
  };
}

// PGlite finds its WASM build and extension bundles beside its own code: it must load from node_modules, never
// from a bundle (the store worker is bundled by esbuild, the app by Next.js). A module name in a variable is
// one neither bundler follows.
const PGLITE_MODULE = "@electric-sql/pglite";
const PGVECTOR_MODULE = "@electric-sql/pglite-pgvector";

/** Opens (creating when missing) the database in `dataDir`; without one it lives in memory only. */
export async function openPgliteDb(dataDir?: string): Promise<Db> {
  const { PGlite } = (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ PGLITE_MODULE)) as typeof import("@electric-sql/pglite");
  const { vector } = (await import(/* webpackIgnore: true */ /* turbopackIgnore: true */ PGVECTOR_MODULE)) as typeof import("@electric-sql/pglite-pgvector");
  // Extensions are given at create time; CREATE EXTENSION in the first migration turns pgvector on.
  const pg = await PGlite.create(dataDir, { extensions: { vector } });
  return {
    ...queryable(pg),
    transaction: (work) => pg.transaction((tx) => work(queryable(tx))),
    close: () => pg.close(),
  };
}
