import pg from "pg";
import { startTestPostgres } from "../../lib/testing/postgres-server";
import { migrate } from "../../lib/store/migrations";
import { openPgDb } from "../../lib/store/pg-db";
const server = await startTestPostgres();
try {
  const db = await openPgDb(server.url);
  await migrate(db);
  const client = new pg.Client(server.url); await client.connect();
  await client.query("insert into kbs (id,name,model_id,graph,dims,count,poolings,report,truncated) values ('k','k','m','g',384,1,'{mean}','{}','[]')");
  const rows = Array.from({ length: 500 }, () => "[" + Array.from({ length: 384 }, () => String(Math.fround(Math.random() - 0.5))).join(",") + "]");
  let t = performance.now();
  await client.query("INSERT INTO kb_vectors (kb_id, pooling, idx, embedding) SELECT $1, $2, t.i - 1 + $3, t.v::vector FROM unnest($4::text[]) WITH ORDINALITY AS t(v, i)", ["k", "mean", 0, rows]);
  console.log("pg text insert 500", performance.now() - t);
  t = performance.now();
  await client.query("INSERT INTO kb_vectors (kb_id, pooling, idx, embedding) SELECT $1, $2, t.i - 1 + $3, t.v::vector FROM unnest($4::text[]) WITH ORDINALITY AS t(v, i)", ["k", "cls", 0, rows]);
  console.log("pg text insert 500 again", performance.now() - t);
  // Fill 20k rows server-side to test planning
  await client.query("insert into kb_vectors select 'k', 'max', i, (select array_agg(random()::real - 0.5) from generate_series(1,384) where i > -1)::vector from generate_series(0, 19999) i");
  await client.query("CREATE INDEX hn ON kb_vectors USING hnsw ((embedding::vector(384)) vector_cosine_ops) WHERE kb_id = 'k' AND pooling = 'max'");
  await client.query("ANALYZE kb_vectors");
  const q = rows[0];
  const plan = await client.query("EXPLAIN SELECT idx FROM kb_vectors WHERE kb_id = 'k' AND pooling = 'max' ORDER BY embedding::vector(384) <=> $1::vector(384) LIMIT 10", [q]);
  console.log(plan.rows.map((r) => r["QUERY PLAN"]).join("\n"));
  await client.end(); await db.close();
} finally { await server.stop(); }
