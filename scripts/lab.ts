// npm run lab -- --model <id|all> [--lang zh|en] [--graph fp32|int8] [--device auto|cpu|webgpu|cuda] [--sts] [--json]
// npm run lab -- layers --model <id> [--dataset stsb-en|stsb-zh] [--json]   (scripts/lab-layers.ts)
// npm run lab -- precision [--model <id>] [--kb FILE --queries FILE] [--json]  (scripts/lab-precision.ts)
//
// Runs the article's experiment (8 scenarios, query vs strong / weak / unrelated candidate) on installed models,
// every pooling from one forward pass per text, and prints the article's table with real numbers beside its claims.
import { AppError } from "../lib/errors";
import { defaultModelId, getModelInfo, listModels } from "../lib/engine/index";
import { toLabMarkdown, toLabSummaryMarkdown, toStsBySizeMarkdown, toStsMarkdown } from "../lib/lab/markdown";
import { toLabJson, type LabReport } from "../lib/lab/report";
import { runLabOnModel } from "../lib/lab/service";
import { labSts, type LabSts } from "../lib/lab/sts";
import { SCENARIO_LANGS, isScenarioLang } from "../lib/lab/scenarios/types";
import { ENGINE_OPTIONS, loadOptionsFrom, parseCli, progressBar, runCli } from "./cli";
import { runLayersCommand } from "./lab-layers";
import { runPrecisionCommand } from "./lab-precision";

const USAGE =
  "usage: npm run lab -- [--model <id>|all] [--lang zh|en] [--graph fp32|int8] [--device auto|cpu|webgpu|cuda] [--sts] [--json]\n" +
  "  --model  an installed model, or all (default: the default model)\n" +
  "  --lang   the article's scenarios in Chinese (zh) or English (en) (default: the model's language)\n" +
  "  --sts    also the STS Benchmark Spearman per pooling (stsb-zh for a Chinese model; about 10-60 s a model)\n" +
  "  --json   one JSON object per model (an array for --model all) instead of markdown; --sts adds an \"sts\" key";

runCli(async () => {
  if (process.argv[2] === "layers") return runLayersCommand(process.argv.slice(3));
  if (process.argv[2] === "precision") return runPrecisionCommand(process.argv.slice(3));
  const { values } = parseCli({ ...ENGINE_OPTIONS, lang: { type: "string" }, sts: { type: "boolean", default: false } });
  if (values.help) return void console.log(USAGE);
  if (values.lang !== undefined && !isScenarioLang(values.lang)) {
    throw new AppError("invalid_input", `--lang must be one of ${SCENARIO_LANGS.join(", ")}; got "${values.lang}"`);
  }
  const lang = values.lang;
  const options = loadOptionsFrom(values);
  const ids = values.model === "all" ? modelsWithGraph(options.graph) : [getModelInfo(values.model ?? defaultModelId()).id];

  const reports: LabReport[] = [];
  const sts = new Map<string, LabSts>();
  for (const id of ids) {
    process.stderr.write(`lab: ${id} ...`);
    const report = await runLabOnModel(id, { lang, graph: options.graph, device: options.device });
    process.stderr.write(` ${report.graph} on ${report.device}, loaded in ${(report.loadMs / 1000).toFixed(1)} s, ` +
      `embedded in ${(report.run.embedMs / 1000).toFixed(2)} s\n`);
    reports.push(report);
    if (values.sts) {
      sts.set(id, await labSts(id, { graph: report.graph, device: options.device, onProgress: progressBar(`sts: ${id}`) }));
    }
  }

  if (values.json) {
    const json = reports.map((report) => {
      const result = sts.get(report.model.id);
      if (!result) return toLabJson(report);
      const round = (scores: object) => Object.fromEntries(Object.entries(scores).map(([p, x]) => [p, Number((x as number).toFixed(2))]));
      const bySize = result.bySize.map((row) => ({ dims: row.dims, spearman: round(row.spearman) }));
      return { ...toLabJson(report), sts: { dataset: result.dataset, pairs: result.pairs, spearman: round(result.spearman), matryoshka: result.matryoshka, bySize } };
    });
    console.log(JSON.stringify(values.model === "all" ? json : json[0], null, 2));
    return;
  }
  for (const report of reports) {
    console.log(toLabMarkdown(report));
    const result = sts.get(report.model.id);
    if (result) console.log(`${toStsMarkdown(result)}\n${toStsBySizeMarkdown(result)}`);
  }
  if (reports.length > 1) console.log(toLabSummaryMarkdown(reports));
});

/** Every installed model; with --graph, those that ship that graph (the others are named on stderr, not failed). */
function modelsWithGraph(graph: string | undefined): string[] {
  const models = listModels();
  const lacking = models.filter((model) => graph && !model.graphs.some((g) => g.graph === graph));
  if (lacking.length) process.stderr.write(`lab: skipping ${lacking.map((m) => m.id).join(", ")}: no ${graph} graph\n`);
  return models.filter((model) => !lacking.includes(model)).map((model) => model.id);
}
