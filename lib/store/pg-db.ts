/** A PostgreSQL server (DATABASE_URL) through `pg`. The server needs the pgvector extension available. */
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { Db, Queryable, Row } from "./db";

export async function openPgDb(connectionString: string): Promise<Db> {
  const pool = new pg.Pool({ connectionString, max: 4 });
  // An idle client's error (the server restarted) must not crash the process; the next query reconnects.
  pool.on("error", (error) => console.error("[semantic-radar] postgres connection lost:", error.message));
  await pool.query("SELECT 1");
  const queryable = (client: pg.Pool | pg.PoolClient): Queryable => ({
    query: async <T extends Row>(sql: string, params: unknown[] = []) => (await client.query(sql, params)).rows as T[],
    exec: async (sql: string) => void (await client.query(sql)),
    // COPY needs one connection: only inside a transaction, where the client is a checked-out PoolClient.
    ...("release" in client
      ? {
          copyBinary: async (table: string, columns: string, data: Uint8Array) => {
            const sink = client.query(copyFrom(`COPY ${table} (${columns}) FROM STDIN WITH (FORMAT binary)`));
            await pipeline(Readable.from([Buffer.from(data.buffer, data.byteOffset, data.byteLength)]), sink);
          },
        }
      : {}),
  });
  return {
    ...queryable(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work(queryable(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
