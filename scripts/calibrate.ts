// npm run calibrate -- [--model <id>|all] [--graph fp32|int8] [--device ...] [--json]
//
// Prints each model's calibration (random-pair percentiles and the suggested threshold per pooling), computing and
// caching it under data/calibration/ the first time, as GET /api/calibration does.
import { config } from "../lib/config";
import { defaultModelId, listModels, loadEngine } from "../lib/engine/index";
import { calibrationDir, calibrationOf, type Calibration } from "../lib/eval/calibration";
import { POOLINGS } from "../lib/pooling/strategies";
import { ENGINE_OPTIONS, loadOptionsFrom, parseCli, progressBar, runCli } from "./cli";

const USAGE = "usage: npm run calibrate -- [--model <id>|all] [--graph fp32|int8] [--device auto|cpu|webgpu|cuda] [--json]";

runCli(async () => {
  const { values } = parseCli(ENGINE_OPTIONS);
  if (values.help) return void console.log(USAGE);
  const ids = values.model === "all" ? listModels().map((m) => m.id) : [values.model ?? defaultModelId()];
  const results: Calibration[] = [];
  for (const id of ids) {
    const engine = await loadEngine(id, loadOptionsFrom(values));
    const { calibration } = await calibrationOf(engine, { onProgress: progressBar(`calibrating ${id}`) });
    results.push(calibration);
    await engine.dispose();
  }
  if (values.json) return void console.log(JSON.stringify(results, null, 2));
  console.log(`Cosine of ${results[0]?.pairs.random ?? 0} random unrelated STS-B pairs (seed ${results[0]?.seed}), and the threshold that best separates gold >= 4 from gold <= 1 (F1). Kept in ${config().databaseUrl ? "the database (DATABASE_URL)" : calibrationDir().replace(process.cwd(), ".")}.`);
  console.log("");
  console.log("| model | graph | pooling | random p05 | p50 | p95 | p99 | suggested threshold | F1 |");
  console.log("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const c of results) {
    const native = listModels().find((m) => m.id === c.model)?.nativePooling;
    for (const p of POOLINGS) {
      const { random, suggestedThreshold, f1 } = c.poolings[p];
      const f = (x: number) => x.toFixed(2);
      console.log(`| ${c.model} | ${c.graph} | ${p}${p === native ? " (native)" : ""} | ${f(random.p05)} | ${f(random.p50)} | ${f(random.p95)} | ${f(random.p99)} | ${f(suggestedThreshold)} | ${f(f1)} |`);
    }
  }
});
