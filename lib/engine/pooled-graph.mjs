// The pooled graph: a model's ONNX graph with pooling appended, so a forward pass returns [batch, 4, dim] +
// [batch, dim] instead of [batch, seq, dim] (issue 13: on an H100 pooling in JavaScript cost more than the
// forward pass; on 16 CPU cores a tenth of it). Plain JavaScript with no dependencies, because the model
// install (scripts/install-models.mjs, run by `npm start` and `npm test` before node_modules matter) writes it,
// and the engine and the GPU check import it too. Types: pooled-graph.d.mts.
//
// How: protobuf merges a message parsed twice, so appending a ModelProto fragment that holds a GraphProto with
// new inputs, nodes, initializers and outputs to the original bytes appends them to the graph (repeated fields
// concatenate, singular messages merge). No byte of the original is rewritten: the weights are copied as they
// are, and last_hidden_state stays an output (token-level work can still fetch it from the same session).
//
// Added to the graph:
//   pool_weights  float32 [batch, 4, seq]  input; row k weights the tokens for POOLED_ORDER[k], built on the host
//                                          from the masks (lib/pooling/weights.ts): positions come from the mask
//                                          there, so the graph needs no ArgMax or CumSum
//   pooled        float32 [batch, 4, dim]  = pool_weights @ last_hidden_state (one batched MatMul, four poolings)
//   pooled_max    float32 [batch, dim]     max over the tokens pool_weights' mean row weighs, i.e. the attended
//                                          ones (the others pushed down by 1e9 before ReduceMax)
//   layer_hidden.K, layer_pooled.K, layer_pooled_max.K
//                 for every layer K of a BERT-style encoder (0 = the embedding layer's output, 1..n = each encoder
//                 layer's output LayerNorm, n = last_hidden_state) and the averages `first_last` (layers 1 and n,
//                 as BERT-flow's and BERT-whitening's code average them) and `last_two` (layers n-1 and n): the
//                 hidden states [batch, seq, dim] and the same two poolings of them. They are outputs of tensors
//                 the graph computes anyway; a graph whose layers cannot be found gets none (only the last layer).
// fp16 graphs get a Cast to float32 first, so pooling always sums in float32. Not normalized: normalization is
// its own stage (sentence-transformers' Normalize).
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Rows of pool_weights and of the pooled output, in order. */
export const POOLED_ORDER = ["cls", "mean", "mean_content", "last_token"];
export const POOL_WEIGHTS_INPUT = "pool_weights";
export const POOLED_OUTPUTS = ["pooled", "pooled_max"];
/** Written last, so the file's tail says which version of these ops it holds (a stale one is rebuilt). */
export const POOLED_GRAPH_MARKER = "semantic-radar.pooled-graph.v3";
/** The layer averages a layered graph computes, beside each layer. */
export const LAYER_AVERAGES = ["first_last", "last_two"];
/** Output names of one layer (a number 0..n, or a LAYER_AVERAGES name) in a layered pooled graph. */
export function layerOutputs(key) {
  return { hidden: `layer_hidden.${key}`, pooled: `layer_pooled.${key}`, pooledMax: `layer_pooled_max.${key}` };
}

const HIDDEN = "last_hidden_state";
const PAD_BIAS = 1e9; // hidden states of a LayerNorm output sit within +-100; padding at -1e9 never wins the max
const ONNX_FLOAT = 1;
const ONNX_INT64 = 7;

/** "onnx/model.onnx" -> "onnx/model_pooled.onnx" (any graph file: fp16, quantized). */
export function pooledGraphFile(file) {
  return file.replace(/\.onnx$/, "_pooled.onnx");
}

// ---- reading: just enough of onnx.proto to find opsets, inputs and outputs (field numbers quoted) ----

function readVarint(bytes, pos) {
  let value = 0;
  let scale = 1;
  for (;;) {
    // A truncated or foreign file must fail, not spin: past the end there is no byte below 0x80 to stop on.
    if (pos >= bytes.length) throw new Error(`truncated protobuf varint at byte ${pos}`);
    const byte = bytes[pos++];
    value += (byte & 0x7f) * scale;
    if (byte < 0x80) return [value, pos];
    scale *= 128;
  }
}

/** The fields of one message in bytes[start, end): { field, value } with value a number or a [from, to) range. */
export function* fields(bytes, start = 0, end = bytes.length) {
  let pos = start;
  while (pos < end) {
    const [tag, afterTag] = readVarint(bytes, pos);
    const field = Math.floor(tag / 8);
    const wire = tag % 8;
    if (wire === 0) {
      const [value, next] = readVarint(bytes, afterTag);
      yield { field, value };
      pos = next;
    } else if (wire === 2) {
      const [length, from] = readVarint(bytes, afterTag);
      yield { field, value: [from, from + length] };
      pos = from + length;
    } else if (wire === 1 || wire === 5) {
      pos = afterTag + (wire === 1 ? 8 : 4);
    } else {
      throw new Error(`unsupported protobuf wire type ${wire} at byte ${pos}`);
    }
  }
}

const text = (bytes, [from, to]) => new TextDecoder().decode(bytes.subarray(from, to));
const first = (bytes, range, field) => [...fields(bytes, ...range)].find((f) => f.field === field)?.value;

/** ValueInfoProto {name 1, type 2 {tensor_type 1 {elem_type 1, shape 2 {dim 1 {dim_value 1 | dim_param 2}}}}}. */
function valueInfo(bytes, range) {
  const name = text(bytes, first(bytes, range, 1));
  const tensor = first(bytes, first(bytes, range, 2) ?? [0, 0], 1);
  const elemType = tensor ? first(bytes, tensor, 1) : undefined;
  const shape = tensor ? first(bytes, tensor, 2) : undefined;
  const dims = shape
    ? [...fields(bytes, ...shape)].filter((f) => f.field === 1).map(({ value }) => {
        const dim = [...fields(bytes, ...value)][0];
        return dim === undefined ? {} : dim.field === 1 ? { value: dim.value } : { param: text(bytes, dim.value) };
      })
    : [];
  return { name, elemType, dims };
}

/** NodeProto {input 1, output 2, name 3, op_type 4}: its name, op and output tensors. */
function nodeInfo(bytes, range) {
  const entries = [...fields(bytes, ...range)];
  const strings = (field) => entries.filter((f) => f.field === field).map((f) => text(bytes, f.value));
  return { name: strings(3)[0] ?? "", op: strings(4)[0] ?? "", outputs: strings(2) };
}

/** ModelProto {opset_import 8 {domain 1, version 2}, graph 7 {node 1, input 11, output 12}}: what the edit needs. */
export function describeGraph(bytes) {
  let opset;
  const inputs = [];
  const outputs = [];
  const nodes = [];
  for (const { field, value } of fields(bytes)) {
    if (field === 8) {
      const entries = [...fields(bytes, ...value)];
      const domain = entries.find((f) => f.field === 1);
      const name = domain ? text(bytes, domain.value) : "";
      if (name === "" || name === "ai.onnx") opset = entries.find((f) => f.field === 2)?.value;
    }
    if (field !== 7) continue;
    for (const entry of fields(bytes, ...value)) {
      if (entry.field === 1) nodes.push(nodeInfo(bytes, entry.value));
      if (entry.field === 11) inputs.push(valueInfo(bytes, entry.value));
      if (entry.field === 12) outputs.push(valueInfo(bytes, entry.value));
    }
  }
  return { opset, inputs, outputs, nodes };
}

// The layer outputs of a BERT-style graph exported from PyTorch (optimum, Xenova): the nodes of each LayerNorm
// are named after the module, "/embeddings/LayerNorm/..." and "/encoder/layer.<i>/output/LayerNorm/...".
const EMBEDDING_NORM = /^\/embeddings\/LayerNorm\//;
const LAYER_NORM = /^\/encoder\/layer\.(\d+)\/output\/LayerNorm\//;
// The op that ends a LayerNorm: the bias Add of the decomposed form, or the fused op. NOTE: a quantized graph
// follows it with a DynamicQuantizeLinear named in the same group, whose output is no hidden state.
const NORM_END_OPS = new Set(["Add", "LayerNormalization", "SkipLayerNormalization"]);

/**
 * The tensor holding each layer's hidden states, layer 0 (the embeddings) to n (last_hidden_state), from the
 * node names; or the reason they cannot be found.
 * @returns {{ tensors: string[] } | { reason: string }}
 */
export function findLayerTensors(nodes) {
  const ends = new Map(); // layer -> the output of the last node ending its LayerNorm
  for (const node of nodes) {
    if (!NORM_END_OPS.has(node.op) || !node.outputs[0]) continue;
    if (EMBEDDING_NORM.test(node.name)) ends.set(0, node.outputs[0]);
    const match = LAYER_NORM.exec(node.name);
    if (match) ends.set(Number(match[1]) + 1, node.outputs[0]);
  }
  if (!ends.has(0) || ends.size < 2) return { reason: "no BERT-style LayerNorm nodes (/embeddings/LayerNorm, /encoder/layer.N/output/LayerNorm) name its layers" };
  const top = Math.max(...ends.keys());
  const tensors = [...Array(top + 1).keys()].map((layer) => ends.get(layer));
  const missing = tensors.flatMap((t, layer) => (t === undefined ? [layer] : []));
  if (missing.length) return { reason: `of its layers 0 to ${top}, no LayerNorm was found for ${missing.join(", ")}` };
  if (tensors.at(-1) !== HIDDEN) return { reason: `its last layer's LayerNorm gives ${tensors.at(-1)}, not ${HIDDEN}` };
  return { tensors };
}

// ---- writing: the fragment, encoded as lib/engine/score-graph.ts does ----

function varint(value) {
  const out = [];
  while (value > 0x7f) {
    out.push((value % 128) | 0x80);
    value = Math.floor(value / 128);
  }
  out.push(value);
  return out;
}
const utf8 = (s) => [...new TextEncoder().encode(s)];
const intField = (field, value) => [...varint(field * 8), ...varint(value)];
const bytesField = (field, bytes) => [...varint(field * 8 + 2), ...varint(bytes.length), ...bytes];
const stringField = (field, s) => bytesField(field, utf8(s));

/** AttributeProto {name 1, i 3, ints 8, type 20 (INT 2, INTS 7)}. */
const intAttribute = (name, value) => bytesField(5, [...stringField(1, name), ...intField(3, value), ...intField(20, 2)]);
const intsAttribute = (name, values) => bytesField(5, [...stringField(1, name), ...values.flatMap((v) => intField(8, v)), ...intField(20, 7)]);

/** NodeProto {input 1, output 2, name 3, op_type 4, attribute 5}, as a GraphProto.node (1) entry. */
function node(op, inputs, outputs, attributes = []) {
  const body = [...inputs.flatMap((i) => stringField(1, i)), ...outputs.flatMap((o) => stringField(2, o)), ...stringField(3, `pool_${outputs[0]}`), ...stringField(4, op), ...attributes.flat()];
  return bytesField(1, body);
}

/** TensorProto {dims 1, data_type 2, name 8, raw_data 9} as a GraphProto.initializer (5) entry. */
function initializer(name, type, dims, values) {
  const raw = type === ONNX_FLOAT ? new Uint8Array(Float32Array.from(values).buffer) : new Uint8Array(BigInt64Array.from(values, BigInt).buffer);
  return bytesField(5, [...dims.flatMap((d) => intField(1, d)), ...intField(2, type), ...stringField(8, name), ...bytesField(9, [...raw])]);
}

/** ValueInfoProto for a float32 tensor whose dims are copied ({ value } or { param }). */
function floatTensorInfo(field, name, dims) {
  const dim = (d) => bytesField(1, d.value !== undefined ? intField(1, d.value) : stringField(2, d.param ?? `${name}_dim`));
  const tensorType = [...intField(1, ONNX_FLOAT), ...bytesField(2, dims.flatMap(dim))];
  return bytesField(field, [...stringField(1, name), ...bytesField(2, bytesField(1, tensorType))]);
}

/** The bytes to append to a graph to pool it; throws with the reason when the graph cannot take them. */
export function poolingFragment(bytes) {
  return poolingPlan(bytes).fragment;
}

/**
 * The fragment and what it holds: `layers` is n + 1 (the layers 0..n it pools) or 0 with `layersSkipped`, the
 * reason a graph gets only the last layer.
 */
export function poolingPlan(bytes) {
  const { opset, inputs, outputs, nodes } = describeGraph(bytes);
  const hidden = outputs.find((o) => o.name === HIDDEN);
  if (!hidden) throw new Error(`expected a ${HIDDEN} output, the graph has: ${outputs.map((o) => o.name).join(", ") || "none"}`);
  if (!inputs.some((i) => i.name === "attention_mask")) throw new Error(`expected an attention_mask input, the graph has: ${inputs.map((i) => i.name).join(", ")}`);
  if (inputs.some((i) => i.name === POOL_WEIGHTS_INPUT)) throw new Error("the graph is already pooled");
  if (!(opset >= 7)) throw new Error(`expected an ai.onnx opset of 7 or later, got ${opset ?? "none"}`);
  const [batch, seq, dim] = hidden.dims.length === 3 ? hidden.dims : [{ param: "batch_size" }, { param: "sequence_length" }, {}];
  const k = { value: POOLED_ORDER.length };
  const float = hidden.elemType === ONNX_FLOAT;
  // NOTE: Unsqueeze takes its axes as an input from opset 13, ReduceMax from opset 18 (attributes before).
  const unsqueeze = opset >= 13 ? node("Unsqueeze", ["pool_bias", "pool_axis_2"], ["pool_bias_3d"]) : node("Unsqueeze", ["pool_bias"], ["pool_bias_3d"], [intsAttribute("axes", [2])]);
  const reduceMax = (input, output) =>
    opset >= 18 ? node("ReduceMax", [input, "pool_axis_1"], [output], [intAttribute("keepdims", 0)]) : node("ReduceMax", [input], [output], [intsAttribute("axes", [1]), intAttribute("keepdims", 0)]);
  /** MatMul with the weights (four poolings) and the masked ReduceMax of one float32 [batch, seq, dim] tensor. */
  const pool = (states, pooled, pooledMax) => [...node("MatMul", [POOL_WEIGHTS_INPUT, states], [pooled]), ...node("Add", [states, "pool_bias_3d"], [`${pooledMax}_masked`]), ...reduceMax(`${pooledMax}_masked`, pooledMax)];
  const toFloat = (tensor, name) => (float ? { nodes: [], name: tensor } : { nodes: node("Cast", [tensor], [name], [intAttribute("to", ONNX_FLOAT)]), name });
  const last = toFloat(HIDDEN, "pool_hidden");
  const found = findLayerTensors(nodes);
  const layers = "tensors" in found ? layerNodes(found.tensors, toFloat, pool, [batch, seq, dim], k) : { graph: [], outputs: [] };
  const graph = [
    ...last.nodes,
    ...node("MatMul", [POOL_WEIGHTS_INPUT, last.name], ["pooled"]),
    // Attended = weighted by the mean row. Not attention_mask: with a cached prompt it also covers the past.
    ...node("Gather", [POOL_WEIGHTS_INPUT, "pool_mean_row"], ["pool_mean_weights"], [intAttribute("axis", 1)]),
    ...node("Greater", ["pool_mean_weights", "pool_zero"], ["pool_attended"]),
    ...node("Cast", ["pool_attended"], ["pool_mask"], [intAttribute("to", ONNX_FLOAT)]),
    ...node("Sub", ["pool_mask", "pool_one"], ["pool_mask_minus_one"]), // 0 attended, -1 padding
    ...node("Mul", ["pool_mask_minus_one", "pool_pad_bias"], ["pool_bias"]),
    ...unsqueeze,
    ...node("Add", [last.name, "pool_bias_3d"], ["pool_masked"]),
    ...reduceMax("pool_masked", "pooled_max"),
    ...layers.graph,
    ...initializer("pool_one", ONNX_FLOAT, [], [1]),
    ...initializer("pool_zero", ONNX_FLOAT, [], [0]),
    ...initializer("pool_mean_row", ONNX_INT64, [], [POOLED_ORDER.indexOf("mean")]),
    ...initializer("pool_half", ONNX_FLOAT, [], [0.5]),
    ...initializer("pool_pad_bias", ONNX_FLOAT, [], [PAD_BIAS]),
    ...(opset >= 13 ? initializer("pool_axis_2", ONNX_INT64, [1], [2]) : []),
    ...(opset >= 18 ? initializer("pool_axis_1", ONNX_INT64, [1], [1]) : []),
    ...floatTensorInfo(11, POOL_WEIGHTS_INPUT, [batch, k, seq]),
    ...floatTensorInfo(12, "pooled", [batch, k, dim]),
    ...floatTensorInfo(12, "pooled_max", [batch, dim]),
    ...layers.outputs,
  ];
  const count = "tensors" in found ? found.tensors.length : 0;
  const metadata = [
    ...bytesField(14, [...stringField(1, POOLED_GRAPH_MARKER), ...stringField(2, POOLED_ORDER.join(","))]),
    ...bytesField(14, [...stringField(1, LAYERS_METADATA), ...stringField(2, String(count))]),
  ];
  return { fragment: Uint8Array.from([...bytesField(7, graph), ...metadata]), layers: count, ...("reason" in found ? { layersSkipped: found.reason } : {}) };
}

/** Metadata key: how many layers (n + 1) the graph exposes, 0 when only the last. */
export const LAYERS_METADATA = "semantic-radar.layers";

/** Nodes and outputs for every layer and the two averages: hidden states, pooled and pooled_max of each. */
function layerNodes(tensors, toFloat, pool, [batch, seq, dim], k) {
  const n = tensors.length - 1;
  const graph = [];
  const outputs = [];
  const states = tensors.map((tensor, layer) => {
    const converted = toFloat(tensor, `layer_f32.${layer}`);
    graph.push(...converted.nodes);
    return converted.name;
  });
  const averages = { first_last: [states[1], states[n]], last_two: [states[n - 1], states[n]] };
  const keyed = [...states.map((name, layer) => [String(layer), name])];
  for (const key of LAYER_AVERAGES) {
    const [a, b] = averages[key];
    graph.push(...node("Add", [a, b], [`layer_sum.${key}`]), ...node("Mul", [`layer_sum.${key}`, "pool_half"], [`layer_f32.${key}`]));
    keyed.push([key, `layer_f32.${key}`]);
  }
  for (const [key, name] of keyed) {
    const out = layerOutputs(key);
    graph.push(...node("Identity", [name], [out.hidden]), ...pool(name, out.pooled, out.pooledMax));
    outputs.push(...floatTensorInfo(12, out.hidden, [batch, seq, dim]), ...floatTensorInfo(12, out.pooled, [batch, k, dim]), ...floatTensorInfo(12, out.pooledMax, [batch, dim]));
  }
  return { graph, outputs };
}

/** The pooled graph's bytes: the original, untouched, then the fragment. */
export function poolGraphBytes(bytes) {
  return pooledGraph(bytes).bytes;
}

/** The pooled graph's bytes and how many layers it exposes (0 with the reason when only the last). */
function pooledGraph(bytes) {
  const { fragment, layers, layersSkipped } = poolingPlan(bytes);
  const out = new Uint8Array(bytes.length + fragment.length);
  out.set(bytes, 0);
  out.set(fragment, bytes.length);
  return { bytes: out, layers, layersSkipped };
}

/** Current when it is newer than its source and ends with this version's marker. */
function isCurrent(source, target) {
  if (!existsSync(target) || statSync(target).mtimeMs < statSync(source).mtimeMs) return false;
  const size = statSync(target).size;
  const tail = Buffer.alloc(Math.min(size, 256));
  const fd = openSync(target, "r");
  try {
    readSync(fd, tail, 0, tail.length, size - tail.length);
  } finally {
    closeSync(fd);
  }
  return tail.includes(POOLED_GRAPH_MARKER);
}

/**
 * Writes onnx/<graph>_pooled.onnx beside every graph of a model folder that lacks a current one. Idempotent and
 * atomic (a half-written graph never looks present). A graph that cannot be pooled is reported, not fatal: the
 * engine then runs it with pooling in JavaScript.
 * @returns one entry per graph: "written" (with the layers it exposes), "current" or "skipped" with the reason
 */
export function ensurePooledGraphs(modelDir) {
  const onnxDir = join(modelDir, "onnx");
  if (!existsSync(onnxDir)) return [];
  const graphs = readdirSync(onnxDir).filter((f) => f.endsWith(".onnx") && !f.endsWith("_pooled.onnx"));
  return graphs.map((name) => {
    const file = `onnx/${name}`;
    const source = join(modelDir, file);
    const target = join(modelDir, pooledGraphFile(file));
    if (isCurrent(source, target)) return { file, status: "current" };
    try {
      const { bytes, layers, layersSkipped } = pooledGraph(readFileSync(source));
      writeFileSync(`${target}.partial`, bytes);
      renameSync(`${target}.partial`, target);
      return { file, status: "written", bytes: bytes.length, layers, ...(layersSkipped ? { layersSkipped } : {}) };
    } catch (error) {
      return { file, status: "skipped", reason: String(error?.message ?? error).split("\n")[0] };
    }
  });
}
