/**
 * Entry point of the GPU check's engine side. prepare.ts bundles it with lib/engine into .gpu-check/app/check.cjs;
 * run.sh runs it with the shipped node binary, one phase per process:
 *
 *   node check.cjs plan    --work DIR --source texts.json [--texts N]
 *   node check.cjs devices --work DIR
 *   node check.cjs embed   --work DIR --device webgpu|cpu [--plain]   (--plain: without the pooled graph)
 *   node check.cjs report  --work DIR --results DIR
 *   node check.cjs variants  --work DIR --device webgpu|cpu [--only A,B] [--skip TEXT]   (variants.ts: phase timings, profiles, each change)
 *   node check.cjs placement --work DIR --device webgpu --graph base|pooled|pooled-fp16   (verbose log to stdout)
 * As a worker thread (workerData.role "tokenizer") it serves tokenize-pool.ts instead.
 */
import { join } from "node:path";
import os from "node:os";
import { parseArgs } from "node:util";
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { devicesPhase, embedPhase, planPhase } from "./check-phases";
import { EXIT, reportPhase } from "./check-report";
import { placementPhase } from "./placement";
import { serveTokenizer, type TokenizerWorkerData } from "./tokenize-pool";
import { GRAPHS, variantsPhase } from "./variants";

const PHASES = ["plan", "devices", "embed", "report", "variants", "placement"] as const;
const EMBED_DEVICES = ["webgpu", "cpu", "cuda"] as const;

// The bundle ships onnxruntime-node as ort.cjs beside itself; the provider probe's child process loads it from there.
if (typeof __dirname !== "undefined") process.env.SEMANTIC_RADAR_ORT_ENTRY ??= join(__dirname, "ort.cjs");

function fail(message: string): never {
  console.error(`check: ${message}`);
  process.exit(EXIT.incomplete);
}

async function main(): Promise<number> {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { work: { type: "string" }, source: { type: "string" }, texts: { type: "string" }, device: { type: "string" }, results: { type: "string" }, graph: { type: "string" }, only: { type: "string" }, skip: { type: "string" }, plain: { type: "boolean" } },
  });
  const phase = positionals[0] as (typeof PHASES)[number];
  if (!PHASES.includes(phase)) fail(`expected a phase (${PHASES.join(", ")}), got ${JSON.stringify(positionals[0] ?? "")}`);
  const work = values.work ?? fail("expected --work DIR");
  if (phase === "plan") {
    const limit = values.texts === undefined ? Infinity : Number(values.texts);
    if (!(limit >= 1)) fail(`expected --texts to be a positive number, got ${JSON.stringify(values.texts)}`);
    planPhase(work, values.source ?? fail("expected --source texts.json"), limit);
    return EXIT.pass;
  }
  if (phase === "devices") {
    await devicesPhase(work);
    return EXIT.pass;
  }
  if (phase === "variants" || phase === "placement") {
    const device = values.device;
    if (device !== "webgpu" && device !== "cpu") fail(`expected --device webgpu|cpu, got ${JSON.stringify(device ?? "")}`);
    const filter = { only: values.only?.split(","), skip: values.skip };
    if (phase === "variants") await variantsPhase(work, device, os.cpus().length, typeof __filename === "undefined" ? undefined : __filename, filter);
    else {
      const graph = values.graph as keyof typeof GRAPHS;
      if (!(graph in GRAPHS)) fail(`expected --graph ${Object.keys(GRAPHS).join("|")}, got ${JSON.stringify(values.graph ?? "")}`);
      await placementPhase(work, device, graph);
    }
    return EXIT.pass;
  }
  if (phase === "embed") {
    const device = values.device as (typeof EMBED_DEVICES)[number];
    if (!EMBED_DEVICES.includes(device)) fail(`expected --device ${EMBED_DEVICES.join("|")}, got ${JSON.stringify(values.device ?? "")}`);
    return (await embedPhase(work, device, values.plain === true)) ? EXIT.pass : EXIT.webgpuUnavailable;
  }
  return reportPhase(work, values.results ?? fail("expected --results DIR"));
}

if (!isMainThread && (workerData as TokenizerWorkerData | undefined)?.role === "tokenizer") serveTokenizer(parentPort!, workerData);
else main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`check: ${error.stack ?? error.message}`);
    process.exit(EXIT.incomplete);
  },
);
