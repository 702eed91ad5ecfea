/**
 * npm run gpu-cuda:prepare [-- --no-sts]: builds .gpu-cuda/ (git-ignored) for run.sh on a GPU machine that has
 * Python, PyTorch and CUDA but no Node.js and no internet. What it needs is over the device tool's 64 MiB per
 * call, so it is cut into parts, each carried by one call (the parts stay on the warm machine between calls):
 *
 *   core-NN  node (xz), onnxruntime-node's binding and library (xz), the bundled check (app/cuda-check.cjs,
 *            app/ort.cjs), the CUDA provider libraries from .cuda/ (`npm run gpu:setup` first; the large one xz),
 *            the default model's config and tokenizer (the GPU machine builds random-weight BERT around them)
 *   sts-NN   all-MiniLM-L6-v2 and bge-small-en-v1.5, fp32 graphs and their files, for the STS-B check
 *   manifest.json  each part's sha256 and size, and each whole's
 * Parts are as large as the working tree leaves room for in one call (partBytesFor).
 *
 * The CUDA libraries the provider links are not shipped: the GPU machines have them beside PyTorch, and
 * gpu:setup links them there. Compressed files are cached in node_modules/.cache/semantic-radar-gpu-cuda/.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { bundleToolCheck, onnxruntimeBindingDir } from "../gpu-check/bundle";
import { binaryNeeds, cachedXz, copyInto, sha256, workingTreeBytes } from "../gpu-check/pack";
import { CUDA_PROVIDER_FILES } from "../../lib/engine/cuda-libraries.mjs";
import { PROVIDER_WHEEL } from "../../scripts/cuda/wheels.mjs";
import { partBytesFor, splitFile } from "./parts";
import { STS_EXPECTED } from "./summary";

const ROOT = process.cwd();
const OUT = join(ROOT, ".gpu-cuda");
const CACHE = join(ROOT, "node_modules", ".cache", "semantic-radar-gpu-cuda");
const STORE = join(ROOT, ".cuda");
const MIB = 2 ** 20;
/** A model folder's small files; the graphs are chosen apart. */
const MODEL_FILES = ["config.json", "tokenizer.json", "tokenizer_config.json", "sentence_bert_config.json", "config_sentence_transformers.json", "modules.json", "1_Pooling/config.json"];

function modelFiles(source: string, target: string, graphs: string[]) {
  for (const file of MODEL_FILES) if (existsSync(join(source, file))) copyInto(join(source, file), join(target, file));
  for (const graph of graphs) copyInto(join(source, graph), join(target, graph));
}

async function stageCore(stage: string) {
  const needs = binaryNeeds(process.execPath);
  console.log(`node ${process.version}: needs glibc ${needs.newestGlibc ?? "?"}, libstdc++ ${needs.newestGlibcxx ?? "?"}`);
  copyInto(cachedXz(process.execPath, CACHE, "node", { strip: true }), join(stage, "bin", "node.xz"));
  const ortDir = onnxruntimeBindingDir(ROOT);
  copyInto(join(ortDir, "onnxruntime_binding.node"), join(stage, "ort", "onnxruntime_binding.node"));
  copyInto(cachedXz(join(ortDir, "libonnxruntime.so.1"), CACHE, "libonnxruntime.so.1"), join(stage, "ort", "libonnxruntime.so.1.xz"));
  for (const name of CUDA_PROVIDER_FILES) {
    const file = join(STORE, name);
    const pin = PROVIDER_WHEEL.files[name];
    if (!existsSync(file) || sha256(file) !== pin.sha256) throw new Error(`${file} is missing or not the pinned file: run \`npm run gpu:setup\` first`);
    if (pin.size > MIB) copyInto(cachedXz(file, CACHE, name), join(stage, "provider", `${name}.xz`));
    else copyInto(file, join(stage, "provider", name));
  }
  modelFiles(join(ROOT, "models", "all-MiniLM-L6-v2"), join(stage, "model-files"), []);
  await bundleToolCheck(ROOT, join(stage, "app"), join("tools", "gpu-cuda", "cuda-check.ts"), "cuda-check.cjs");
}

function stageSts(stage: string) {
  for (const id of Object.keys(STS_EXPECTED)) {
    const dir = join(ROOT, "models", id);
    if (!existsSync(join(dir, "onnx", "model.onnx"))) throw new Error(`${dir}/onnx/model.onnx is missing: run \`npm run models\``);
    modelFiles(dir, join(stage, id), ["onnx/model.onnx"]);
  }
}

async function main() {
  const withSts = !process.argv.includes("--no-sts");
  // Each call carries the working tree beside its part: the tree's size sets the parts'.
  const tree = workingTreeBytes(ROOT);
  const partBytes = partBytesFor(tree);
  rmSync(OUT, { recursive: true, force: true });
  mkdirSync(OUT, { recursive: true });
  const wholes: Record<string, { bytes: number; sha256: string; parts: ReturnType<typeof splitFile> }> = {};
  for (const [name, stage] of [["core", stageCore], ...(withSts ? [["sts", stageSts] as const] : [])] as const) {
    const dir = join(CACHE, `stage-${name}`);
    rmSync(dir, { recursive: true, force: true });
    await stage(dir);
    const tar = join(CACHE, `${name}.tar`);
    execFileSync("tar", ["-cf", tar, "-C", dir, "."]);
    wholes[name] = { bytes: statSync(tar).size, sha256: sha256(tar), parts: splitFile(tar, OUT, name, partBytes) };
    rmSync(dir, { recursive: true, force: true }); // the compressed files stay cached; the staged copies and the tar need not
    rmSync(tar, { force: true });
    console.log(`${name}: ${(wholes[name].bytes / MIB).toFixed(1)} MiB in ${wholes[name].parts.length} parts`);
  }
  writeFileSync(join(OUT, "manifest.json"), `${JSON.stringify({ built: new Date().toISOString(), partBytes, wholes }, null, 2)}\n`);
  console.log(`working tree ${(tree / MIB).toFixed(1)} MiB + a part of at most ${(partBytes / MIB).toFixed(0)} MiB per call (limit 64 MiB)`);
  console.log("\nOn the GPU machine, with the device tool, one call per part, back to back (the machine stays warm 30 s):");
  const parts = Object.values(wholes).flatMap((w) => w.parts.map((p) => p.name));
  for (const part of parts.slice(0, -1)) console.log(`  carry [".gpu-cuda/manifest.json", ".gpu-cuda/${part}"]  command: bash tools/gpu-cuda/run.sh receive`);
  console.log(`  carry [".gpu-cuda/manifest.json", ".gpu-cuda/${parts.at(-1)}"]  command: bash tools/gpu-cuda/run.sh check $OUT   timeout_s 540`);
  console.log(`(${relative(ROOT, OUT)}/ holds ${parts.length} parts; without STS-B carry only the core parts and end with \`check $OUT --no-sts\`)`);
}

main().catch((error: Error) => {
  console.error(`gpu-cuda prepare: ${error.message}`);
  process.exit(1);
});
