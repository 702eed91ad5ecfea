// npm run lab -- precision [--model <id>] [--kb FILE] [--queries FILE] [--pooling P] [--layer L] [--correction C] [--k N] [--json]
//
// How much int8, binary (with and without float32 rescoring) and Matryoshka cuts change a search on a knowledge
// base: per query the share of float32's top k each finds and the error of the scores it shows, and the memory
// each needs. Without --kb: the article's scenarios as a knowledge base (every candidate) and their queries.
import { readFileSync } from "node:fs";
import { AppError } from "../lib/errors";
import { defaultModelId, loadEngine } from "../lib/engine/index";
import { correctPair } from "../lib/kb/rank-variant";
import { comparePrecisions, mean } from "../lib/lab/precision-compare";
import { articleScenarios, CANDIDATE_ROLES } from "../lib/lab/scenarios";
import { CORRECTIONS, isCorrection } from "../lib/pooling/corrections";
import { parseLayer } from "../lib/pooling/layers";
import { isPooling } from "../lib/pooling/strategies";
import { ENGINE_OPTIONS, loadOptionsFrom, parseCli, positiveInt } from "./cli";

const USAGE =
  "usage: npm run lab -- precision [--model <id>] [--kb FILE] [--queries FILE] [--pooling P] [--layer L] [--correction C] [--k N] [--json]\n" +
  "  --kb, --queries  one text a line; default: the article's scenarios (candidates as the knowledge base, their queries)\n" +
  "  --correction     none | whitening | all_but_the_top, fitted on the knowledge base (default none)\n" +
  "  --k              top k compared (default 10)";

const lines = (file: string) => readFileSync(file, "utf8").split(/\r?\n/).map((line) => line.trim()).filter(Boolean);

export async function runPrecisionCommand(args: string[]): Promise<void> {
  const { values } = parseCli(
    { ...ENGINE_OPTIONS, kb: { type: "string" }, queries: { type: "string" }, pooling: { type: "string" }, layer: { type: "string" }, correction: { type: "string" }, k: { type: "string" } },
    args,
  );
  if (values.help) return void console.log(USAGE);
  if ((values.kb === undefined) !== (values.queries === undefined)) throw new AppError("invalid_input", "--kb and --queries go together (or neither: the article's scenarios)");
  const correction = values.correction ?? "none";
  if (!isCorrection(correction)) throw new AppError("invalid_input", `--correction must be one of ${CORRECTIONS.join(", ")}; got "${correction}"`);
  const engine = await loadEngine(values.model ?? defaultModelId(), loadOptionsFrom(values));
  const pooling = values.pooling ?? engine.info.model.nativePooling;
  if (!isPooling(pooling)) throw new AppError("unknown_pooling", `--pooling: unknown pooling "${pooling}"`);
  const layer = values.layer === undefined ? undefined : parseLayer(values.layer, engine.info.model.numLayers);
  const scenarios = articleScenarios(engine.info.model.languages.includes("zh") ? "zh" : "en");
  const kb = values.kb ? lines(values.kb) : scenarios.flatMap((s) => CANDIDATE_ROLES.map((role) => s[role]));
  const queries = values.queries ? lines(values.queries) : scenarios.map((s) => s.query);
  const docs = await engine.embed(kb, { poolings: [pooling], layer });
  const asked = await engine.embed(queries, { kind: "query", poolings: [pooling], layer });
  const corrected = correctPair(docs.embeddings[pooling]!, asked.embeddings[pooling]!, docs.dims, correction);
  const k = values.k ? positiveInt("k", values.k) : 10;
  const result = comparePrecisions(corrected.rows, corrected.query, corrected.dims, k);
  const summary = result.ways.map((w) => ({
    way: w.way,
    dims: w.dims,
    bytesPerVector: w.bytesPerVector,
    totalBytes: w.totalBytes,
    meanOverlap: mean(w.overlap),
    minOverlap: Math.min(...w.overlap),
    meanScoreError: mean(w.scoreError),
  }));
  const head = { model: engine.info.model.id, pooling, layer: layer ?? engine.info.model.numLayers, correction, entries: result.count, queries: queries.length, k: result.k };
  if (values.json) return void console.log(JSON.stringify({ ...head, ways: summary, perQuery: result.ways.map((w) => ({ way: w.way, overlap: w.overlap, scoreError: w.scoreError })) }, null, 2));
  console.log(`### ${head.model}, ${pooling}, layer ${head.layer}, correction ${correction}: ${head.entries} entries, ${head.queries} queries, top ${head.k}\n`);
  console.log("| Way | Dims | Bytes / vector | Knowledge base | Top-k overlap (mean / worst query) | Mean score error |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
  for (const w of summary) {
    console.log(`| ${w.way} | ${w.dims} | ${w.bytesPerVector} | ${w.totalBytes} B | ${(100 * w.meanOverlap).toFixed(1)}% / ${(100 * w.minOverlap).toFixed(0)}% | ${w.meanScoreError.toFixed(4)} |`);
  }
}
