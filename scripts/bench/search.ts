// npm run bench -- search [--entries 100000] [--dims 384] [--top-k 10] [--rounds 15] [--json]
//
// Ranks synthetic L2-normalized vectors (seeded) under 1 and under all 5 poolings, in one run:
//   ours   the server's path: the rank worker (onnxruntime MatMul, top-k by partial selection, ranks for the
//          hits only), asked through postMessage as a search request asks it
//   naive  the first implementation (lib/kb/rank-naive.ts): a JavaScript loop over every score, a full sort,
//          the rank of every entry, on the calling thread
// Both must return the same hits before anything is timed. Prints p50 milliseconds per search.
import { POOLINGS, type Pooling } from "../../lib/pooling/strategies";
import { rankKnowledgeBase } from "../../lib/kb/rank-naive";
import { RankPool } from "../../lib/kb/rank-pool";
import { normalizedRows } from "../../testing/random";
import { median, parseCli, positiveInt } from "../cli";

const POOLING_COUNTS = [1, POOLINGS.length];

async function p50(rounds: number, run: () => Promise<unknown> | unknown): Promise<number> {
  const ms: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    await run();
    ms.push(performance.now() - started);
  }
  return Number(median(ms).toFixed(2));
}

export async function benchSearch(args: string[]): Promise<void> {
  const { values } = parseCli(
    {
      entries: { type: "string", default: "100000" },
      dims: { type: "string", default: "384" },
      "top-k": { type: "string", default: "10" },
      rounds: { type: "string", default: "15" },
      json: { type: "boolean", default: false },
    },
    args,
  );
  const entries = positiveInt("entries", values.entries);
  const dims = positiveInt("dims", values.dims);
  const topK = positiveInt("top-k", values["top-k"]);
  const rounds = positiveInt("rounds", values.rounds);

  const texts = Array.from({ length: entries }, (_, i) => `entry ${i}`);
  const embeddings = Object.fromEntries(POOLINGS.map((p, i) => [p, normalizedRows(entries, dims, 1000 + i)])) as Record<Pooling, Float32Array>;
  const queries = Object.fromEntries(POOLINGS.map((p, i) => [p, normalizedRows(1, dims, 2000 + i)])) as Record<Pooling, Float32Array>;
  const pool = new RankPool();
  // The worker takes its own copy (a transfer would empty the naive side's arrays).
  await pool.put("bench", dims, Object.fromEntries(POOLINGS.map((p) => [p, embeddings[p].slice()])));

  const results = [];
  for (const count of POOLING_COUNTS) {
    const poolings = POOLINGS.slice(0, count);
    const naive = () => rankKnowledgeBase({ entries: texts, dims, embeddings }, queries, poolings, topK);
    const ours = () => pool.rank("bench", queries, [...poolings], topK);
    const [expected, got] = [naive(), await ours()];
    for (const p of poolings) {
      const same = expected.results[p]!.every((hit, i) => hit.index === got.hits[p]![i].index && hit.ranks[p] === got.hits[p]![i].ranks[p]);
      if (!same) throw new Error(`ours and naive disagree on the ${p} hits`);
    }
    // Naive is slow at this size: fewer rounds keep the run short; the median is still of several.
    results.push({ poolings: count, p50_ms: { ours: await p50(rounds, ours), naive: await p50(Math.max(3, Math.ceil(rounds / 3)), naive) } });
  }
  await pool.close();

  const figures = { entries, dims, topK, results };
  if (values.json) return void console.log(JSON.stringify(figures));
  console.log(`Search: ${entries.toLocaleString("en")} entries x ${dims} dims, top ${topK}, p50 of ${rounds} searches (naive: fewer); both return the same hits`);
  console.log("");
  console.log("| poolings | ours (rank worker) ms | naive (first implementation) ms | speed-up |");
  console.log("| ---: | ---: | ---: | ---: |");
  for (const r of results) console.log(`| ${r.poolings} | ${r.p50_ms.ours} | ${r.p50_ms.naive} | ${(r.p50_ms.naive / r.p50_ms.ours).toFixed(1)}x |`);
}
