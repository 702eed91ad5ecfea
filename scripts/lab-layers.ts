// npm run lab -- layers --model <id> [--dataset stsb-en|stsb-zh] [--pairs N] [--save F] [--whiten-k K] [--graph ...] [--device ...] [--json]
//
// The layer sweep: STS Spearman per layer (0 = embeddings .. n = last) x pooling, with and without whitening and
// all-but-the-top, the first-last and last-two averages, anisotropy per layer, and the precision table
// (float32 / int8 / binary x pooling). --json prints one object in the shape docs/layers.md describes.
import { writeFileSync } from "node:fs";
import { AppError } from "../lib/errors";
import { defaultModelId, loadEngine } from "../lib/engine/index";
import { loadStsDataset, STS_DATASETS, type StsDataset } from "../lib/eval/sts";
import { stsDatasetFor } from "../lib/eval/sts-datasets";
import { toLayersMarkdown } from "../lib/lab/layer-markdown";
import { sweepLayers, toLayersJson } from "../lib/lab/layer-sweep";
import { articleScenarios } from "../lib/lab/scenarios";
import { ENGINE_OPTIONS, loadOptionsFrom, parseCli, positiveInt, progressBar } from "./cli";

const USAGE =
  "usage: npm run lab -- layers [--model <id>] [--dataset stsb-en|stsb-zh] [--pairs N] [--save F] [--whiten-k K] [--graph fp32|int8] [--device auto|cpu|webgpu|cuda] [--json]\n" +
  "  --dataset  default: the model's language (stsb-zh for a Chinese model)\n" +
  "  --pairs    only the first N pairs (a quick look: a full STS-B sweep takes minutes of CPU per model; the figures in docs/layers.md use all)\n" +
  "  --whiten-k K  whitening keeps the K leading components (BERT-whitening's cut; default all)\n" +
  "  --save F   also write the whole sweep (all-but-the-top and the layer averages included) to the JSON file F";

export async function runLayersCommand(args: string[]): Promise<void> {
  const { values } = parseCli({ ...ENGINE_OPTIONS, dataset: { type: "string" }, pairs: { type: "string" }, save: { type: "string" }, "whiten-k": { type: "string" } }, args);
  if (values.help) return void console.log(USAGE);
  if (values.dataset && !(STS_DATASETS as readonly string[]).includes(values.dataset)) {
    throw new AppError("invalid_input", `--dataset must be one of ${STS_DATASETS.join(", ")}; got "${values.dataset}"`);
  }
  const engine = await loadEngine(values.model ?? defaultModelId(), loadOptionsFrom(values));
  const dataset = (values.dataset as StsDataset | undefined) ?? stsDatasetFor(engine.info.model.languages);
  const all = loadStsDataset(dataset);
  const pairs = values.pairs ? all.slice(0, positiveInt("pairs", values.pairs)) : all;
  const scenarios = articleScenarios(dataset === "stsb-zh" ? "zh" : "en");
  const sweep = await sweepLayers(engine, pairs, { dataset, scenarios, whiteningDims: values["whiten-k"] ? positiveInt("whiten-k", values["whiten-k"]) : undefined, onProgress: progressBar(`layers: ${engine.info.model.id}`) });
  process.stderr.write(`layers: ${sweep.model} (${engine.info.graph} on ${engine.info.device}), ${sweep.sentences} sentences, ${sweep.seconds.toFixed(1)} s\n`);
  if (values.save) writeFileSync(values.save, `${JSON.stringify(sweep, null, 1)}\n`);
  console.log(values.json ? JSON.stringify(toLayersJson(sweep), null, 2) : toLayersMarkdown(sweep));
}
