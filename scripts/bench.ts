// npm run bench -- [engine | search] [options]: one benchmark a run, each printing its figures beside a
// baseline measured in the same run (these machines are shared and noisy: ratios travel, absolute times less).
//   engine  our embedding engine vs the transformers.js pipeline (default; see scripts/bench/engine.ts)
//   search  ranking a knowledge base: our rank worker vs the first implementation (scripts/bench/search.ts)
//   store   the knowledge-base store: insert rate, exact vs HNSW search, recall@10 (scripts/bench/store.ts)
//   batching  how texts are cut into forward passes: length cuts vs the earlier fill-to-budget (scripts/bench/batching.ts)
//   admission  a burst of one-off searches: where 429s begin and how fast they answer (scripts/bench/admission.ts)
//   store-thread  /api/status and search latency while a big knowledge base is saved and opened: PGlite on the
//            main thread vs in its worker (scripts/bench/store-thread.ts)
//   chunking  a 1 MB document parsed, counted and chunked by every method, beside one-entry-a-line (scripts/bench/chunking.ts)
//   explain-load  search latency while leave-one-out explanations run: idle, as they were scheduled before, and
//            now (scripts/bench/explain-load.ts)
import { AppError } from "../lib/errors";
import { runCli } from "./cli";
import { benchAdmission } from "./bench/admission";
import { benchBatching } from "./bench/batching";
import { benchChunking } from "./bench/chunking";
import { benchEngine } from "./bench/engine";
import { benchExplainLoad } from "./bench/explain-load";
import { benchSearch } from "./bench/search";
import { benchStore } from "./bench/store";
import { benchStoreThread } from "./bench/store-thread";

const BENCHES: Record<string, (args: string[]) => Promise<void>> = {
  engine: benchEngine,
  search: benchSearch,
  store: benchStore,
  "store-thread": benchStoreThread,
  batching: benchBatching,
  admission: benchAdmission,
  chunking: benchChunking,
  "explain-load": benchExplainLoad,
};

runCli(async () => {
  const [first, ...rest] = process.argv.slice(2);
  const named = first !== undefined && !first.startsWith("-");
  const name = named ? first : "engine";
  const bench = BENCHES[name];
  if (!bench) throw new AppError("invalid_input", `unknown benchmark "${name}"; expected one of ${Object.keys(BENCHES).join(", ")}`);
  await bench(named ? rest : process.argv.slice(2));
});
