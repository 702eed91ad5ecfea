// npm run bench -- explain-load [--explains 4] [--words 300] [--json]
//
// Search latency while leave-one-out explanations of long texts run, in one process on the real default model and
// a fresh embedded store (the library calls the routes make, without HTTP), in one run:
//   idle        searches of a loaded knowledge base, one after another, nothing else asked of the model: the floor
//   before      the same searches while --explains explanations' worth of leave-one-out forward passes run as
//               explanations ran them before: every one at once, in full-size steps, queued with knowledge bases'
//               batches (a query waits for the running step, up to the device's full token budget)
//   now         the same searches while --explains real explanations run (POST /api/explain's explainScore): a
//               few at a time, the rest waiting their turn, their passes in small background steps
// Printed: the search latency p50 / p95 / max of each phase and how long the explanations took. Bounded: each
// phase runs its searches until its explanations end (at most 2,000 searches), idle runs 40.
import { mkdtempSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { percentile } from "../loadtest/client";
import { parseCli, positiveInt } from "../cli";

const MAX_SEARCHES = 2_000;
const IDLE_SEARCHES = 40;

const FAQ = Array.from({ length: 40 }, (_, i) => `Explain-load bench entry ${i}: ${["parcels ship on Mondays", "the shop opens at nine", "refunds take a week", "passwords reset in Settings"][i % 4]}.`);

/** A long text of about `words` words, different for each `seed`: what an explanation of a long entry costs. */
function longText(words: number, seed: number): string {
  const vocabulary = ["the", "parcel", "arrived", "late", "because", "storm", "closed", "roads", "near", "harbour", "and", "drivers", "waited", "for", "news", "about", "ferries", "customers", "asked", "refunds"];
  return Array.from({ length: words }, (_, i) => vocabulary[(i * 7 + seed * 3) % vocabulary.length]).join(" ");
}

interface Phase {
  phase: "idle" | "before" | "now";
  searches: number;
  p50: number;
  p95: number;
  max: number;
  explainMs?: number;
}

export async function benchExplainLoad(args: string[]): Promise<void> {
  const { values } = parseCli({ explains: { type: "string", default: "4" }, words: { type: "string", default: "300" }, json: { type: "boolean", default: false } }, args);
  const explains = positiveInt("explains", values.explains);
  const words = positiveInt("words", values.words);
  const dataDir = mkdtempSync(join(tmpdir(), "radar-bench-explain-"));
  process.env.SEMANTIC_RADAR_DATA_DIR = dataDir;
  process.env.DATABASE_URL = "";
  // Loaded after the environment is set: the configuration is read on first use.
  const { openKbJob } = await import("../../lib/kb/build-kb");
  const { searchKb } = await import("../../lib/kb/search-kb");
  const { explainScore } = await import("../../lib/kb/explain");
  const { loadEngine, defaultModelId } = await import("../../lib/engine");
  const { withoutToken } = await import("../../lib/pooling/attribution");
  const { MAX_LEAVE_ONE_OUT_TOKENS } = await import("../../lib/kb/explain-types");
  try {
    const { kb } = await (await openKbJob({ entries: FAQ })).run();
    const engine = await loadEngine(defaultModelId());
    let count = 0;
    const search = async () => {
      const started = performance.now();
      await searchKb({ kbId: kb.id, query: `when do parcels ship? (${count++})`, poolings: ["mean"], topK: 5 });
      return performance.now() - started;
    };
    const searchWhile = async (phase: Phase["phase"], work: () => Promise<unknown>): Promise<Phase> => {
      let done = false;
      const started = performance.now();
      const finished = work().finally(() => (done = true));
      const ms: number[] = [];
      while (!done && ms.length < MAX_SEARCHES) ms.push(await search());
      await finished;
      return { phase, searches: ms.length, ...figures(ms), explainMs: performance.now() - started };
    };
    await search(); // warm

    const idleMs: number[] = [];
    for (let i = 0; i < IDLE_SEARCHES; i++) idleMs.push(await search());
    const texts = Array.from({ length: explains }, (_, i) => longText(words, i));
    // Before: each explanation's two leave-one-out passes at once, full-size steps in the long jobs' queue.
    const states = await Promise.all(texts.map((text) => engine.tokenStates([text])));
    const variantsOf = (s: (typeof states)[number][number]) =>
      s.specials.flatMap((special, t) => (special ? [] : [t])).slice(0, MAX_LEAVE_ONE_OUT_TOKENS).map((t) => ({ ids: withoutToken(s.ids, t), specials: withoutToken(s.specials, t) }));
    const before = await searchWhile("before", () => Promise.all(states.flatMap(([s]) => [engine.embedTokens(variantsOf(s), { poolings: ["cls"] }), engine.embedTokens(variantsOf(s), { poolings: ["cls"] })])));
    const now = await searchWhile("now", () => Promise.all(texts.map((text) => explainScore({ entries: [text], query: text, index: 0, pooling: "cls" }))));
    const results: Phase[] = [{ phase: "idle", searches: idleMs.length, ...figures(idleMs) }, before, now];

    if (values.json) return console.log(JSON.stringify({ explains, words, results }, null, 2));
    console.log(`Search latency (ms) while ${explains} leave-one-out explanations of ${words}-word texts run; ${engine.info.model.id} on ${engine.info.device}, ${cpus().length} cores, load ${loadavg()[0].toFixed(1)}`);
    console.log("phase    searches    p50      p95      max  | explanations took");
    for (const r of results) {
      const n = (value: number) => value.toFixed(1).padStart(8);
      console.log(`${r.phase.padEnd(8)} ${String(r.searches).padStart(8)} ${n(r.p50)} ${n(r.p95)} ${n(r.max)}  | ${r.explainMs === undefined ? "-" : `${(r.explainMs / 1000).toFixed(1)} s`}`);
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

function figures(ms: number[]): { p50: number; p95: number; max: number } {
  return { p50: percentile(ms, 50), p95: percentile(ms, 95), max: percentile(ms, 100) };
}
