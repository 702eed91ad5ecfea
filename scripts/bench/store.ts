// npm run bench -- store [--entries 20000] [--queries 50] [--json]
//
// The store, on PGlite and (when DATABASE_URL is set) on the PostgreSQL server, in one run: insert rate, exact
// vs HNSW p50 search time (`ORDER BY embedding <=> $q LIMIT 10`, without and with the index), and HNSW recall@10
// against exact. The vectors are real all-MiniLM-L6-v2 embeddings of STS-B sentences (mean pooling), widened to
// --entries by mixing two of them plus a little noise (embedding 200,000 sentences here would take an hour);
// the queries are held-out STS-B sentences.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { config } from "../../lib/config";
import { defaultModelId, loadEngine } from "../../lib/engine/index";
import { loadStsDataset } from "../../lib/eval/sts";
import { hnswOptionsFrom, openStore, type StoreLocation } from "../../lib/store/open-store";
import type { SqlStore } from "../../lib/store/sql-store";
import type { KbRecordInput } from "../../lib/store/types";
import { median, parseCli } from "../cli";

const K = 10;

/** Deterministic: a failure or a figure reproduces. */
function lcg(seed: number): () => number {
  let state = seed;
  return () => (state = (state * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32;
}

function widen(base: Float32Array, dims: number, entries: number): Float32Array {
  const rows = base.length / dims;
  const random = lcg(42);
  const out = new Float32Array(entries * dims);
  for (let r = 0; r < entries; r++) {
    const [a, b, mix] = [Math.floor(random() * rows), Math.floor(random() * rows), random() * 0.5];
    const row = out.subarray(r * dims, (r + 1) * dims);
    for (let d = 0; d < dims; d++) row[d] = (1 - mix) * base[a * dims + d] + mix * base[b * dims + d] + (random() - 0.5) * 0.02;
    const norm = Math.hypot(...row);
    for (let d = 0; d < dims; d++) row[d] /= norm;
  }
  return out;
}

async function benchOne(location: StoreLocation, vectors: Float32Array, dims: number, queries: Float32Array[]) {
  const store = await openStore(location, hnswOptionsFrom());
  const count = vectors.length / dims;
  const entries = Array.from({ length: count }, (_, i) => `entry ${i}`);
  const kb = (id: string): KbRecordInput => ({ id, name: id, modelId: "bench", graph: "fp32", dims, entries, poolings: ["mean"], report: {}, truncated: [] });
  const suffix = Date.now().toString(36);
  try {
    let started = performance.now();
    await store.save(kb(`bench_exact_${suffix}`), { mean: vectors });
    const insertS = (performance.now() - started) / 1000;
    started = performance.now();
    await store.save(kb(`bench_hnsw_${suffix}`), { mean: vectors }, { indexPoolings: ["mean"] });
    const indexS = (performance.now() - started) / 1000 - insertS;
    const plan = await (store as SqlStore).explainNearest(`bench_hnsw_${suffix}`, "mean", queries[0], K);
    // All exact searches, then all HNSW ones: alternating them would have each evict the other's pages from the
    // server's shared buffers and time cache misses instead of searches.
    const exactMs: number[] = [];
    const truths: Set<number>[] = [];
    for (const query of queries) {
      started = performance.now();
      const exact = await store.nearest(`bench_exact_${suffix}`, "mean", query, K);
      exactMs.push(performance.now() - started);
      truths.push(new Set(exact.map((h) => h.index)));
    }
    const hnswMs: number[] = [];
    let found = 0;
    for (const [i, query] of queries.entries()) {
      started = performance.now();
      const approximate = await store.nearest(`bench_hnsw_${suffix}`, "mean", query, K);
      hnswMs.push(performance.now() - started);
      found += approximate.filter((h) => truths[i].has(h.index)).length;
    }
    return {
      store: store.kind,
      entries: count,
      insert_rows_per_s: Math.round(count / insertS),
      hnsw_build_s: Number(indexS.toFixed(1)),
      exact_p50_ms: Number(median(exactMs).toFixed(2)),
      hnsw_p50_ms: Number(median(hnswMs).toFixed(2)),
      recall_at_10: Number((found / (queries.length * K)).toFixed(4)),
      hnsw_index_used: /Index Scan using kb_hnsw_/.test(plan),
    };
  } finally {
    await store.delete(`bench_exact_${suffix}`).catch(() => undefined);
    await store.delete(`bench_hnsw_${suffix}`).catch(() => undefined);
    await store.close();
  }
}

export async function benchStore(args: string[]): Promise<void> {
  const { values } = parseCli({ entries: { type: "string", default: "20000" }, queries: { type: "string", default: "50" }, json: { type: "boolean", default: false } }, args);
  const count = Number(values.entries);
  const queryCount = Number(values.queries);
  const engine = await loadEngine(defaultModelId(), { device: "cpu" });
  const sentences = [...new Set(loadStsDataset("stsb-en").flatMap((p) => [p.sentence1, p.sentence2]))];
  const [base, held] = [sentences.slice(0, sentences.length - queryCount), sentences.slice(-queryCount)];
  const embedded = await engine.embed(base, { poolings: ["mean"] });
  const dims = embedded.dims;
  const queryMatrix = (await engine.embed(held, { kind: "query", poolings: ["mean"] })).embeddings.mean!;
  const queries = Array.from({ length: queryCount }, (_, i) => queryMatrix.slice(i * dims, (i + 1) * dims));
  const vectors = widen(embedded.embeddings.mean!, dims, count);

  const dataDir = mkdtempSync(join(tmpdir(), "radar-bench-store-"));
  const results = [];
  try {
    results.push(await benchOne({ kind: "pglite", dataDir }, vectors, dims, queries));
    const { databaseUrl } = config();
    if (databaseUrl) results.push(await benchOne({ kind: "postgres", url: databaseUrl }, vectors, dims, queries));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const configured = hnswOptionsFrom();
  const hnsw = { m: configured.m ?? 16, ef_construction: configured.efConstruction ?? 64, ef_search: configured.efSearch ?? 200 };
  if (values.json) return void console.log(JSON.stringify({ model: defaultModelId(), dims, queries: queryCount, hnsw, results }));
  console.log(`Store benchmark: ${count.toLocaleString("en")} x ${dims}-dim vectors (${defaultModelId()} on STS-B, widened), ${queryCount} held-out queries, top ${K}; HNSW ${JSON.stringify(hnsw)}`);
  console.log("");
  console.log("| store | insert rows/s | HNSW build s | exact p50 ms | HNSW p50 ms | HNSW recall@10 | plan uses the HNSW index |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
  for (const r of results) console.log(`| ${r.store} | ${r.insert_rows_per_s.toLocaleString("en")} | ${r.hnsw_build_s} | ${r.exact_p50_ms} | ${r.hnsw_p50_ms} | ${r.recall_at_10} | ${r.hnsw_index_used ? "yes" : "no"} |`);
}
