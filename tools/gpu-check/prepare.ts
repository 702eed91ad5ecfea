/**
 * `npm run gpu-check:prepare`: builds .gpu-check/, the self-contained folder the GPU check runs from on a bare
 * Linux x64 machine with an NVIDIA GPU and Python (torch, transformers, onnx) but no Node.js:
 *
 *   run.sh                  the one command: bash .gpu-check/run.sh <results-dir> [--texts N]
 *   bin/node.xz             this machine's node binary, stripped and compressed
 *   ort/                    onnxruntime-node's native binding and libonnxruntime.so.1 (compressed; holds WebGPU)
 *   app/check.cjs, ort.cjs  the engine and the check, bundled (no node_modules tree)
 *   model-files/            the default model's config and tokenizer (no weights: the GPU machine makes random ones)
 *   data/texts.json         the corpus: 2,000 STS Benchmark sentences, with the benchmark's licence
 *   debs/                   the Vulkan loader packages from Debian (the GPU image may lack them)
 *   py/                     model builder, PyTorch reference, Vulkan probe
 *   manifest.json, SHA256SUMS
 *
 * Exits non-zero with the reason when a piece is missing or the folder would not fit the 64 MiB transfer.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { checkBudget } from "./budget";
import { bundleCheck, onnxruntimeBindingDir } from "./bundle";
import { stsSentences } from "./corpus";
import { DIAGNOSTIC_PACKAGES, VULKAN_PACKAGES, binaryNeeds, cachedDebs, cachedXz, copyInto, listFiles, sha256, workingTreeBytes } from "./pack";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const HERE = join(ROOT, "tools", "gpu-check");
const OUT = join(ROOT, ".gpu-check");
const CACHE = join(ROOT, "node_modules", ".cache", "semantic-radar-gpu-check");
const MODEL = "all-MiniLM-L6-v2";
const MODEL_FILES = ["config.json", "tokenizer.json", "tokenizer_config.json", "sentence_bert_config.json", "1_Pooling/config.json"];
const TEXT_COUNT = 2000;
const STS_SOURCES = [join(ROOT, "lib", "eval", "data", "stsbenchmark"), join(ROOT, "..", "shared", "data", "stsbenchmark")];
const PYTHON_FILES = ["make-model.py", "bert_onnx.py", "torch-bench.py", "vulkan-probe.py", "pool-graph.py"];

function step(title: string): void {
  console.log(`- ${title}`);
}

function packNode(): Record<string, unknown> {
  step(`node ${process.version} from ${process.execPath}`);
  const needs = binaryNeeds(process.execPath);
  if (needs.missingLibraries.length) throw new Error(`node needs libraries this machine lacks: ${needs.missingLibraries.join("; ")}`);
  copyInto(cachedXz(process.execPath, CACHE, "node", { strip: true }), join(OUT, "bin", "node.xz"));
  return { version: process.version, ...needs };
}

function packOnnxruntime(): Record<string, unknown> {
  const dir = onnxruntimeBindingDir(ROOT);
  step(`onnxruntime-node binaries from ${relative(ROOT, dir)}`);
  copyInto(join(dir, "onnxruntime_binding.node"), join(OUT, "ort", "onnxruntime_binding.node"));
  copyInto(cachedXz(join(dir, "libonnxruntime.so.1"), CACHE, "libonnxruntime.so.1"), join(OUT, "ort", "libonnxruntime.so.1.xz"));
  const version = JSON.parse(readFileSync(join(dir, "..", "..", "..", "..", "package.json"), "utf8")).version as string;
  return { version, cudaProviderShipped: existsSync(join(dir, "libonnxruntime_providers_cuda.so")), ...binaryNeeds(join(dir, "libonnxruntime.so.1")) };
}

function packModelFiles(): void {
  const dir = join(ROOT, "models", MODEL);
  step(`${MODEL}'s config and tokenizer (no weights)`);
  for (const file of MODEL_FILES) {
    if (!existsSync(join(dir, file))) throw new Error(`expected ${join(dir, file)}; install the models first with \`npm run models\``);
    copyInto(join(dir, file), join(OUT, "model-files", file));
  }
}

function packTexts(): void {
  const dir = STS_SOURCES.find((d) => existsSync(join(d, "sts-test.csv")));
  if (!dir) throw new Error(`expected the STS Benchmark's sts-test.csv in one of: ${STS_SOURCES.join(", ")}`);
  step(`${TEXT_COUNT} STS sentences from ${relative(ROOT, dir) || dir}`);
  const texts = stsSentences(readFileSync(join(dir, "sts-test.csv"), "utf8"), TEXT_COUNT);
  mkdirSync(join(OUT, "data"), { recursive: true });
  writeFileSync(join(OUT, "data", "texts.json"), JSON.stringify(texts));
  if (existsSync(join(dir, "LICENSE.txt"))) copyInto(join(dir, "LICENSE.txt"), join(OUT, "data", "LICENSE-stsbenchmark.txt"));
}

function packDebs(): string[] {
  step(`Vulkan loader packages: ${[...VULKAN_PACKAGES, ...DIAGNOSTIC_PACKAGES].join(", ")}`);
  const debs = cachedDebs(join(CACHE, "debs"), [...VULKAN_PACKAGES, ...DIAGNOSTIC_PACKAGES]);
  for (const deb of debs) copyInto(deb, join(OUT, "debs", deb.split("/").pop()!));
  return debs.map((d) => d.split("/").pop()!);
}

function writeManifest(facts: Record<string, unknown>): void {
  const files = listFiles(OUT);
  writeFileSync(join(OUT, "SHA256SUMS"), files.map((f) => `${sha256(join(OUT, f.path))}  ${f.path}\n`).join(""));
  writeFileSync(join(OUT, "manifest.json"), `${JSON.stringify({ preparedAt: new Date().toISOString(), ...facts, files }, null, 2)}\n`);
}

async function main(): Promise<void> {
  console.log(`Preparing ${relative(process.cwd(), OUT) || OUT}/ for the GPU check`);
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const node = packNode();
  const onnxruntime = packOnnxruntime();
  step("bundling the engine and the check (esbuild)");
  await bundleCheck(ROOT, join(OUT, "app"));
  packModelFiles();
  packTexts();
  const debs = packDebs();
  step("python scripts and run.sh");
  for (const file of PYTHON_FILES) copyInto(join(HERE, file), join(OUT, "py", file));
  cpSync(join(HERE, "run.sh"), join(OUT, "run.sh"));
  writeManifest({ node, onnxruntime, debs, model: MODEL, texts: TEXT_COUNT });

  const verdict = checkBudget(listFiles(OUT), workingTreeBytes(ROOT));
  console.log(`${verdict.ok ? "ok" : "TOO LARGE"}: ${verdict.message}`);
  if (!verdict.ok) process.exit(1);
  console.log("Run on the GPU machine (from the repo root, .gpu-check carried):  bash .gpu-check/run.sh $OUT");
}

main().catch((error: Error) => {
  console.error(`gpu-check:prepare failed: ${error.message}`);
  process.exit(1);
});
