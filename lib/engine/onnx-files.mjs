// The files a graph needs besides itself. ONNX keeps a tensor in an external data file when the model is past
// protobuf's 2 GB limit (Qwen3-Embedding-0.6B's 2.4 GB of fp32) or when the exporter chose to: each such
// initializer names its file (TensorProto.external_data, key "location"), relative to the graph's folder, and
// onnxruntime reads it when a session is created from the graph's path. So a graph's size is its file plus those,
// and a folder that has onnx/model.onnx but not the model.onnx_data it names cannot load.
// Plain JavaScript like pooled-graph.mjs: the model install uses it before node_modules matter. Types: onnx-files.d.mts.
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { describeGraph, fields } from "./pooled-graph.mjs";

/** A graph file this big holds its weights itself (exporters move all of them out or none): not read. */
export const INLINE_GRAPH_BYTES = 64 * 2 ** 20;

const text = (bytes, [from, to]) => new TextDecoder().decode(bytes.subarray(from, to));

/**
 * The external data files named by a graph's initializers, in first-use order:
 * ModelProto.graph (7) -> GraphProto.initializer (5) -> TensorProto.external_data (13) {key 1, value 2}.
 * (Tensors inside Constant nodes may be external too; exporters do not write them so, and they are not read.)
 */
export function externalDataLocations(bytes) {
  const locations = new Set();
  for (const model of fields(bytes)) {
    if (model.field !== 7) continue;
    for (const graph of fields(bytes, ...model.value)) {
      if (graph.field !== 5) continue;
      for (const tensor of fields(bytes, ...graph.value)) {
        if (tensor.field !== 13) continue;
        const entry = [...fields(bytes, ...tensor.value)];
        const key = entry.find((f) => f.field === 1);
        const value = entry.find((f) => f.field === 2);
        if (key && value && text(bytes, key.value) === "location") locations.add(text(bytes, value.value));
      }
    }
  }
  return [...locations];
}

/**
 * A graph of a model folder and what it needs: `dataFiles` (relative to the folder, as `file` is), those of them
 * `missing`, and `bytes`, the graph's size with its external data (the weights onnxruntime will hold); `kvCache`
 * when it is a decoder exported with its cache (past_key_values.* inputs, present.* outputs).
 */
export function graphFiles(modelDir, file) {
  const size = statSync(join(modelDir, file)).size;
  if (size > INLINE_GRAPH_BYTES) return { file, bytes: size, dataFiles: [], missing: [], kvCache: false };
  const folder = dirname(file);
  let locations = [];
  let kvCache = false;
  try {
    const bytes = readFileSync(join(modelDir, file));
    locations = externalDataLocations(bytes);
    kvCache = describeGraph(bytes).inputs.some((input) => input.name.startsWith("past_key_values."));
  } catch {
    // Not a readable graph: onnxruntime says what is wrong with it when the model loads.
  }
  const dataFiles = locations.map((location) => (folder === "." ? location : join(folder, location)));
  const missing = dataFiles.filter((f) => !existsSync(join(modelDir, f)));
  const bytes = dataFiles.filter((f) => !missing.includes(f)).reduce((sum, f) => sum + statSync(join(modelDir, f)).size, size);
  return { file, bytes, dataFiles, missing, kvCache };
}
