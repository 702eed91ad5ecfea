// npm run eval -- sts --model <id> [--dataset stsb-en|stsb-zh | --file <tsv>] [--graph fp32|int8] [--device ...] [--json]
//
// Embeds an STS set and prints Spearman x100 of cosine vs gold for every pooling, the model's native one marked.
import { AppError } from "../lib/errors";
import { defaultModelId, loadEngine } from "../lib/engine/index";
import { evaluateSts, loadStsDataset, loadStsFile, STS_DATASETS, type StsDataset } from "../lib/eval/sts";
import { POOLINGS, POOLING_LABELS } from "../lib/pooling/strategies";
import { ENGINE_OPTIONS, loadOptionsFrom, parseCli, progressBar, runCli } from "./cli";

const USAGE = "usage: npm run eval -- sts [--model <id>] [--dataset stsb-en|stsb-zh | --file <tsv>] [--graph fp32|int8] [--device auto|cpu|webgpu|cuda] [--json]";

runCli(async () => {
  const { values, positionals } = parseCli({ ...ENGINE_OPTIONS, dataset: { type: "string" }, file: { type: "string" } });
  if (values.help) return void console.log(USAGE);
  if (positionals[0] !== "sts") throw new AppError("invalid_input", `expected the task "sts", got ${positionals[0] ? `"${positionals[0]}"` : "none"}\n${USAGE}`);
  if (values.dataset && values.file) throw new AppError("invalid_input", "give --dataset or --file, not both");
  if (values.dataset && !(STS_DATASETS as readonly string[]).includes(values.dataset)) {
    throw new AppError("invalid_input", `--dataset must be one of ${STS_DATASETS.join(", ")}; got "${values.dataset}"`);
  }
  const dataset = values.file ?? values.dataset ?? "stsb-en";
  const pairs = values.file ? loadStsFile(values.file) : loadStsDataset(dataset as StsDataset);

  const engine = await loadEngine(values.model ?? defaultModelId(), loadOptionsFrom(values));
  const { model, device, graph } = engine.info;
  const started = performance.now();
  const result = await evaluateSts(engine, pairs, { onProgress: progressBar(`embedding ${model.id}`) });
  const seconds = (performance.now() - started) / 1000;

  if (values.json) {
    const spearman = Object.fromEntries(POOLINGS.map((p) => [p, Number(result.spearman[p].toFixed(2))]));
    console.log(JSON.stringify({ model: model.id, dataset, pairs: result.pairs, graph, device, spearman, native: model.nativePooling }));
    return;
  }
  console.log(`STS ${dataset}: ${result.pairs} pairs, ${model.id} (${graph} graph on ${device}), ${seconds.toFixed(1)} s`);
  console.log("");
  console.log("| pooling | Spearman x100 |");
  console.log("| --- | ---: |");
  for (const p of POOLINGS) {
    const native = p === model.nativePooling ? "  <- native" : "";
    console.log(`| ${POOLING_LABELS[p]} (${p}) | ${result.spearman[p].toFixed(2)}${native} |`);
  }
});
