/**
 * The knowledge-base store in SQL, one implementation for both databases (db.ts adapts PGlite and `pg`).
 * Vectors are pgvector `vector` rows, one per (kb, pooling, entry); a knowledge base is written in one transaction.
 */
import { createHash } from "node:crypto";
import { isPooling, type Pooling } from "../pooling/strategies";
import type { Db, Queryable } from "./db";
import { ROOM_LIBRARY, type Json, type KbDocumentRecord, type KbRecord, type KbRecordInput, type KbSummary, type KbVectors, type KnowledgeBaseStore, type LibraryOwner, type LibraryRow, type NearestHit, type Released, type RoomKbSummary, type SaveOptions } from "./types";
import { copyBinaryVectors, decodeVectorSend, vectorLiteral } from "./vector-codec";

/** Rows per INSERT: a 384-dim row is ~4.5 KB of text, so a statement stays near 2 MB. */
const INSERT_ROWS = 500;
/** Rows per binary COPY: a 384-dim row is ~1.6 KB, so a chunk stays near 8 MB. */
const COPY_ROWS = 5000;

export interface HnswOptions {
  /** Edges per node. @default 16 (pgvector's default) */
  m?: number;
  /** Candidate list while building. @default 64 (pgvector's default) */
  efConstruction?: number;
  /** Candidate list while searching; pgvector's default of 40, and 100, recall less than 0.95 of the top 10 at 50,000 entries (npm run bench -- store). @default 200 */
  efSearch?: number;
}

type KbRow = {
  id: string; name: string; model_id: string; graph: string; dims: number; count: number; poolings: string[];
  indexed_poolings: string[]; report: unknown; truncated: unknown; created_at: Date | string;
};

const KB_COLUMNS = "id, name, model_id, graph, dims, count, poolings, indexed_poolings, report, truncated, created_at";

export class SqlStore implements KnowledgeBaseStore {
  private readonly hnsw: Required<HnswOptions>;

  constructor(readonly kind: "pglite" | "postgres", private readonly db: Db, hnsw: HnswOptions = {}) {
    this.hnsw = { m: hnsw.m ?? 16, efConstruction: hnsw.efConstruction ?? 64, efSearch: hnsw.efSearch ?? 200 };
  }

  async save(kb: KbRecordInput, vectors: KbVectors, options: SaveOptions = {}): Promise<void> {
    checkShape(kb, vectors);
    const indexed = (options.indexPoolings ?? []).filter((p) => vectors[p]);
    await this.db.transaction(async (tx) => {
      const inserted = await tx.query(
        `INSERT INTO kbs (id, name, model_id, graph, dims, count, poolings, indexed_poolings, report, truncated)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (id) DO NOTHING RETURNING id`,
        [kb.id, kb.name, kb.modelId, kb.graph, kb.dims, kb.entries.length, kb.poolings, indexed, JSON.stringify(kb.report), JSON.stringify(kb.truncated)],
      );
      if (inserted.length === 0) return; // already saved: same id, same content
      for (let start = 0; start < kb.entries.length; start += INSERT_ROWS) {
        await tx.query(
          "INSERT INTO kb_entries (kb_id, idx, text) SELECT $1, t.i - 1 + $2, t.text FROM unnest($3::text[]) WITH ORDINALITY AS t(text, i)",
          [kb.id, start, kb.entries.slice(start, start + INSERT_ROWS)],
        );
      }
      if (kb.document) {
        await tx.query("INSERT INTO kb_sources (kb_id, text, detail) VALUES ($1, $2, $3)", [kb.id, kb.document.text, JSON.stringify(kb.document.detail)]);
      }
      for (const pooling of kb.poolings) await insertVectors(tx, kb, pooling, vectors[pooling]!);
      for (const pooling of indexed) {
        await tx.exec(
          `CREATE INDEX ${indexName(kb.id, pooling)} ON kb_vectors USING hnsw ((embedding::vector(${kb.dims})) vector_cosine_ops)
           WITH (m = ${this.hnsw.m}, ef_construction = ${this.hnsw.efConstruction}) WHERE ${kbPoolingPredicate(kb.id, pooling)}`,
        );
      }
      // Without fresh statistics a PostgreSQL server plans the top k as a sort of every row (it cannot tell how
      // few rows the partial index holds) and never touches the HNSW index; ANALYZE samples at most 30,000 rows.
      if (indexed.length > 0) await tx.exec("ANALYZE kb_vectors");
    });
  }

  async has(id: string): Promise<boolean> {
    return (await this.db.query("SELECT 1 FROM kbs WHERE id = $1", [id])).length > 0;
  }

  async get(id: string): Promise<KbRecord | undefined> {
    const [row] = await this.db.query<KbRow>(`SELECT ${KB_COLUMNS} FROM kbs WHERE id = $1`, [id]);
    if (!row) return undefined;
    const entries = await this.db.query<{ text: string }>("SELECT text FROM kb_entries WHERE kb_id = $1 ORDER BY idx", [id]);
    const [document] = await this.db.query<{ text: string; detail: KbDocumentRecord["detail"] }>("SELECT text, detail FROM kb_sources WHERE kb_id = $1", [id]);
    return { ...recordOf(row), entries: entries.map((e) => e.text), ...(document ? { document: { text: document.text, detail: document.detail } } : {}) };
  }

  async load(id: string): Promise<{ kb: KbRecord; vectors: KbVectors } | undefined> {
    const kb = await this.get(id);
    if (!kb) return undefined;
    const vectors: KbVectors = {};
    // One pooling at a time: a 50,000 x 384 matrix is 77 MB as one bytea, five at once would be 385 MB in flight.
    for (const pooling of kb.poolings) {
      const [row] = await this.db.query<{ data: Uint8Array }>(
        "SELECT string_agg(vector_send(embedding), ''::bytea ORDER BY idx) AS data FROM kb_vectors WHERE kb_id = $1 AND pooling = $2",
        [id, pooling],
      );
      vectors[pooling] = decodeVectorSend(row.data, kb.entries.length, kb.dims);
    }
    return { kb, vectors };
  }

  async list(): Promise<RoomKbSummary[]> {
    const rows = await this.db.query<KbRow & DocumentColumns & { libraries: number; published: boolean; room_name: string | null }>(
      `SELECT ${prefixed("kbs")}, ${DOCUMENT_COLUMNS},
         (SELECT count(*) FROM kb_library l WHERE l.kb_id = kbs.id AND l.name IS NOT NULL AND l.owner <> $1)::int AS libraries,
         (SELECT l.name FROM kb_library l WHERE l.kb_id = kbs.id AND l.owner = $1) AS room_name,
         EXISTS (SELECT 1 FROM kb_library l WHERE l.kb_id = kbs.id AND l.owner = $1 AND l.name IS NOT NULL) AS published
       FROM kbs LEFT JOIN kb_sources s ON s.kb_id = kbs.id ORDER BY kbs.created_at DESC, kbs.id`,
      [ROOM_LIBRARY],
    );
    return rows.map((row) => ({ ...summaryOf(row), ...documentOf(row), name: row.room_name ?? row.name, libraries: Number(row.libraries), published: Boolean(row.published) }));
  }

  async rename(id: string, name: string): Promise<KbSummary | undefined> {
    const [row] = await this.db.query<KbRow>(`UPDATE kbs SET name = $2 WHERE id = $1 RETURNING ${KB_COLUMNS}`, [id, name]);
    return row ? summaryOf(row) : undefined;
  }

  async library(owners: LibraryOwner[]): Promise<LibraryRow[]> {
    if (owners.length === 0) return [];
    const rows = await this.db.query<KbRow & DocumentColumns & { owner: string; library_name: string; saved_at: Date | string }>(
      `SELECT ${prefixed("k")}, ${DOCUMENT_COLUMNS}, l.owner, l.name AS library_name, l.saved_at FROM kb_library l JOIN kbs k ON k.id = l.kb_id
       LEFT JOIN kb_sources s ON s.kb_id = k.id
       WHERE l.owner = ANY($1::text[]) AND l.name IS NOT NULL ORDER BY l.saved_at DESC, k.id, l.owner`,
      [owners],
    );
    return rows.map((row) => ({ ...summaryOf(row), ...documentOf(row), name: row.library_name, owner: row.owner, savedAt: new Date(row.saved_at).toISOString() }));
  }

  async keep(owner: LibraryOwner, id: string, name?: string | null): Promise<KbSummary | undefined> {
    // Naming keeps the first save's time (a rename does not move it up the list); holding unnamed sets none.
    const [row] = await this.db.query<KbRow & { library_name: string | null }>(
      `WITH kept AS (
         INSERT INTO kb_library (owner, kb_id, name, saved_at) SELECT $1, id, $3::text, CASE WHEN $3::text IS NULL THEN NULL ELSE now() END FROM kbs WHERE id = $2
         ON CONFLICT (owner, kb_id) DO UPDATE SET name = CASE WHEN $4 THEN NULL ELSE coalesce(excluded.name, kb_library.name) END,
           saved_at = CASE WHEN $4 THEN NULL ELSE coalesce(kb_library.saved_at, excluded.saved_at) END
         RETURNING kb_id, name)
       SELECT ${prefixed("k")}, kept.name AS library_name FROM kept JOIN kbs k ON k.id = kept.kb_id`,
      [owner, id, name ?? null, name === null],
    );
    return row ? { ...summaryOf(row), name: row.library_name ?? row.name } : undefined;
  }

  async holds(owner: LibraryOwner, id: string): Promise<boolean> {
    return (await this.db.query("SELECT 1 FROM kb_library WHERE owner = $1 AND kb_id = $2", [owner, id])).length > 0;
  }

  async release(owner: LibraryOwner, id: string): Promise<Released> {
    return this.db.transaction(async (tx) => {
      const released = (await tx.query("DELETE FROM kb_library WHERE owner = $1 AND kb_id = $2 RETURNING kb_id", [owner, id])).length > 0;
      if (!released) return { released, deleted: false };
      // Locks the knowledge base's row first: a concurrent keep() of the same id waits, then finds it gone.
      await tx.query("SELECT id FROM kbs WHERE id = $1 FOR UPDATE", [id]);
      if ((await tx.query("SELECT 1 FROM kb_library WHERE kb_id = $1 LIMIT 1", [id])).length > 0) return { released, deleted: false };
      return { released, deleted: await deleteKb(tx, id) };
    });
  }

  async delete(id: string): Promise<boolean> {
    return this.db.transaction((tx) => deleteKb(tx, id));
  }

  async nearest(id: string, pooling: Pooling, query: Float32Array, k: number): Promise<NearestHit[]> {
    const [kb] = await this.db.query<{ dims: number }>("SELECT dims FROM kbs WHERE id = $1", [id]);
    if (!kb) return [];
    if (query.length !== kb.dims) throw new Error(`expected a query of ${kb.dims} dims, got ${query.length}`);
    const rows = await this.db.transaction(async (tx) => {
      await tx.exec(`SET LOCAL hnsw.ef_search = ${Math.max(this.hnsw.efSearch, Math.trunc(k))}`);
      return tx.query<{ idx: number; score: number; text: string }>(nearestSql(id, pooling, Number(kb.dims), k), [vectorLiteral(query), id]);
    });
    return rows.map((row) => ({ index: Number(row.idx), score: Number(row.score), text: row.text }));
  }

  async readDocument(key: string): Promise<Json | undefined> {
    const [row] = await this.db.query<{ body: Json }>("SELECT body FROM shared_results WHERE key = $1", [key]);
    return row?.body;
  }

  async writeDocument(key: string, body: Json): Promise<void> {
    await this.db.query(
      "INSERT INTO shared_results (key, body) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET body = EXCLUDED.body, updated_at = now()",
      [key, JSON.stringify(body)],
    );
  }

  /**
   * The plan of nearest() (EXPLAIN), to check that an indexed pooling is searched through its HNSW index. On a
   * small knowledge base the planner rightly prefers sorting every row; `onlyIndex` forbids sequential scans and
   * sorts, which shows whether the index can serve the query at all (its partial predicate and expression match).
   */
  async explainNearest(id: string, pooling: Pooling, query: Float32Array, k: number, onlyIndex = false): Promise<string> {
    const rows = await this.db.transaction(async (tx) => {
      await tx.exec(`SET LOCAL hnsw.ef_search = ${this.hnsw.efSearch}`);
      if (onlyIndex) await tx.exec("SET LOCAL enable_seqscan = off; SET LOCAL enable_sort = off");
      return tx.query<Record<string, string>>(`EXPLAIN ${nearestSql(id, pooling, query.length, k)}`, [vectorLiteral(query), id]);
    });
    return rows.map((row) => Object.values(row)[0]).join("\n");
  }

  /**
   * Whether the database still answers. After a failed write PGlite may be left unusable (a PANIC on a full disk)
   * while still answering some queries with no rows: an empty library that is not empty. One row or nothing.
   */
  async isAlive(): Promise<boolean> {
    try {
      const rows = await this.db.query<{ alive: number }>("SELECT 1 AS alive");
      return rows.length === 1 && Number(rows[0].alive) === 1;
    } catch {
      return false;
    }
  }

  close(): Promise<void> {
    return this.db.close();
  }
}

/** Deletes a knowledge base (its rows cascade) and drops its HNSW indexes; false when there was no such id. */
async function deleteKb(tx: Queryable, id: string): Promise<boolean> {
  const [row] = await tx.query<{ indexed_poolings: string[] }>("DELETE FROM kbs WHERE id = $1 RETURNING indexed_poolings", [id]);
  if (!row) return false;
  for (const pooling of row.indexed_poolings) await tx.exec(`DROP INDEX IF EXISTS ${indexName(id, pooling as Pooling)}`);
  return true;
}

/** The document a knowledge base was cut from, as a summary names it (kb_sources joined as `s`). */
const DOCUMENT_COLUMNS = "s.detail->>'name' AS doc_name, s.detail->>'format' AS doc_format";
type DocumentColumns = { doc_name: string | null; doc_format: string | null };

function documentOf(row: DocumentColumns): Pick<KbSummary, "document"> {
  return row.doc_format ? { document: { format: row.doc_format, ...(row.doc_name ? { name: row.doc_name } : {}) } } : {};
}

/** KB_COLUMNS of a table named `alias`. */
function prefixed(alias: string): string {
  return KB_COLUMNS.split(", ").map((column) => `${alias}.${column}`).join(", ");
}

async function insertVectors(tx: Queryable, kb: KbRecordInput, pooling: Pooling, matrix: Float32Array): Promise<void> {
  if (tx.copyBinary) {
    for (let start = 0; start < kb.entries.length; start += COPY_ROWS) {
      const end = Math.min(start + COPY_ROWS, kb.entries.length);
      await tx.copyBinary("kb_vectors", "kb_id, pooling, idx, embedding", copyBinaryVectors(kb.id, pooling, matrix, kb.dims, start, end));
    }
    return;
  }
  for (let start = 0; start < kb.entries.length; start += INSERT_ROWS) {
    const end = Math.min(start + INSERT_ROWS, kb.entries.length);
    const rows: string[] = [];
    for (let r = start; r < end; r++) rows.push(vectorLiteral(matrix.subarray(r * kb.dims, (r + 1) * kb.dims)));
    await tx.query(
      "INSERT INTO kb_vectors (kb_id, pooling, idx, embedding) SELECT $1, $2, t.i - 1 + $3, t.v::vector FROM unnest($4::text[]) WITH ORDINALITY AS t(v, i)",
      [kb.id, pooling, start, rows],
    );
  }
}

/**
 * The top k by cosine distance. The predicate is written as literals, not parameters, so the planner can match
 * the partial HNSW index; the texts are joined to the k rows only, after the index has chosen them.
 */
function nearestSql(id: string, pooling: Pooling, dims: number, k: number): string {
  const cast = `vector(${Math.trunc(dims)})`;
  return `WITH top AS (
      SELECT idx, embedding::${cast} <=> $1::${cast} AS distance FROM kb_vectors
      WHERE ${kbPoolingPredicate(id, pooling)} ORDER BY embedding::${cast} <=> $1::${cast} LIMIT ${Math.trunc(k)})
    SELECT top.idx, 1 - top.distance AS score, e.text FROM top JOIN kb_entries e ON e.kb_id = $2 AND e.idx = top.idx
    ORDER BY top.distance, top.idx`;
}

function checkShape(kb: KbRecordInput, vectors: KbVectors): void {
  if (!SAFE_ID.test(kb.id)) throw new Error(`expected a knowledge-base id of letters, digits, _ or -, got "${kb.id.slice(0, 40)}"`);
  if (kb.entries.length === 0) throw new Error("expected at least one entry");
  for (const pooling of kb.poolings) {
    if (!isPooling(pooling)) throw new Error(`unknown pooling "${pooling}"`);
    const matrix = vectors[pooling];
    if (!matrix || matrix.length !== kb.entries.length * kb.dims) {
      throw new Error(`expected ${pooling} vectors of ${kb.entries.length} x ${kb.dims}, got ${matrix?.length ?? "none"}`);
    }
  }
}

// Ids are inlined into index predicates: only this alphabet ever reaches SQL text.
const SAFE_ID = /^[A-Za-z0-9_-]{1,128}$/;

function kbPoolingPredicate(id: string, pooling: Pooling): string {
  if (!SAFE_ID.test(id) || !isPooling(pooling)) throw new Error("refusing an unsafe id or pooling in SQL text");
  return `kb_id = '${id}' AND pooling = '${pooling}'`;
}

/** Index names are at most 63 bytes in PostgreSQL: a hash of the pair keeps them short and unique. */
function indexName(id: string, pooling: Pooling): string {
  return `kb_hnsw_${createHash("sha256").update(`${id}/${pooling}`).digest("hex").slice(0, 32)}`;
}

function recordOf(row: KbRow): Omit<KbRecord, "entries"> {
  return {
    id: row.id,
    name: row.name,
    modelId: row.model_id,
    graph: row.graph,
    dims: Number(row.dims),
    poolings: row.poolings as Pooling[],
    report: row.report as KbRecord["report"],
    truncated: row.truncated as KbRecord["truncated"],
    createdAt: new Date(row.created_at).toISOString(),
    approximate: row.indexed_poolings.length > 0,
  };
}

function summaryOf(row: KbRow): KbSummary {
  const { id, name, modelId, graph, dims, poolings, createdAt, approximate } = recordOf(row);
  return { id, name, modelId, graph, dims, count: Number(row.count), poolings, createdAt, approximate };
}
