// A model folder a user brings (`npm run models -- add <folder>`, or what the hub download wrote): checked for the
// files the engine reads, then copied under models/. Plain JavaScript, as the model install is. Types: model-folder.d.mts.
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { graphFiles, INLINE_GRAPH_BYTES } from "../lib/engine/onnx-files.mjs";
import { describeGraph } from "../lib/engine/pooled-graph.mjs";

/** transformers.js's graph names, as lib/engine/registry.ts reads them: at least one must be there. */
export const GRAPH_NAMES = ["onnx/model.onnx", "onnx/model_fp16.onnx", "onnx/model_quantized.onnx", "onnx/model_int8.onnx", "onnx/model_uint8.onnx"];
/** Weights for other frameworks: never read by the engine, and often gigabytes. */
const NOT_COPIED = /\.(safetensors|bin|pt|pth|h5|msgpack|ckpt)$|^\.git$|\.partial$/;

function readJson(dir, file) {
  try {
    return JSON.parse(readFileSync(join(dir, file), "utf8"));
  } catch (error) {
    return error.code === "ENOENT" ? undefined : { unreadable: error.message };
  }
}

/** What is wrong with one graph file: not ONNX, no token input, no hidden-state output, or missing weights. */
function graphProblems(dir, file) {
  const problems = [];
  if (statSync(join(dir, file)).size <= INLINE_GRAPH_BYTES) {
    let graph;
    try {
      graph = describeGraph(readFileSync(join(dir, file)));
    } catch {
      return [`${file} is not an ONNX graph (it could not be read as one)`];
    }
    const inputs = graph.inputs.map((i) => i.name);
    if (!inputs.includes("input_ids")) problems.push(`${file} has no input_ids input (it has ${inputs.join(", ") || "none"}); expected a text model's graph`);
    const outputs = graph.outputs.map((o) => o.name);
    if (!outputs.includes("last_hidden_state")) {
      problems.push(`${file} has no last_hidden_state output (it has ${outputs.slice(0, 6).join(", ") || "none"}); expected a feature-extraction export, not a language-model head`);
    }
  }
  for (const missing of graphFiles(dir, file).missing) problems.push(`${file} keeps its weights in ${missing}, which is missing; copy it beside ${basename(file)}`);
  return problems;
}

/** Every problem that keeps `dir` from loading, each naming its file; empty when the folder is usable. */
export function modelFolderProblems(dir) {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return [`${dir} is not a folder`];
  const problems = [];
  const config = readJson(dir, "config.json");
  if (!config) problems.push("config.json is missing (the model's config from the hub: hidden_size, num_hidden_layers, model_type)");
  else if (config.unreadable) problems.push(`config.json is not valid JSON: ${config.unreadable}`);
  else if (!(config.hidden_size > 0 || config.d_model > 0)) problems.push("config.json has no hidden_size; expected the model's config.json, not a tokenizer's or a pipeline's");
  for (const file of ["tokenizer.json", "tokenizer_config.json"]) {
    const json = readJson(dir, file);
    if (!json) problems.push(`${file} is missing`);
    else if (json.unreadable) problems.push(`${file} is not valid JSON: ${json.unreadable}`);
  }
  const graphs = GRAPH_NAMES.filter((file) => existsSync(join(dir, file)));
  if (!graphs.length) problems.push(`no ONNX graph: expected ${GRAPH_NAMES.join(" or ")}`);
  for (const file of graphs) problems.push(...graphProblems(dir, file));
  return problems;
}

function filesUnder(root, dir = root) {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => !NOT_COPIED.test(entry.name))
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(root, join(dir, entry.name)) : [relative(root, join(dir, entry.name))]));
}

/**
 * Copies a checked folder to `target` (hard links where the file system allows: a 2.4 GB model.onnx_data then
 * costs nothing), through `target.partial` so a copy cut short never looks installed. Returns the files copied.
 */
export function installModelFolder(source, target) {
  if (existsSync(target)) throw new Error(`${target} already exists; remove it first, or add the folder under another name`);
  const partial = `${target}.partial`;
  rmSync(partial, { recursive: true, force: true });
  const files = filesUnder(source);
  for (const file of files) {
    mkdirSync(dirname(join(partial, file)), { recursive: true });
    try {
      linkSync(join(source, file), join(partial, file));
    } catch {
      copyFileSync(join(source, file), join(partial, file));
    }
  }
  renameSync(partial, target);
  return files;
}
