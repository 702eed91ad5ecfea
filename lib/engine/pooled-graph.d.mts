// Types of pooled-graph.mjs (plain JavaScript so the model install can run it without a TypeScript step).

/** Rows of pool_weights and of the pooled output, in order. */
export const POOLED_ORDER: readonly ["cls", "mean", "mean_content", "last_token"];
export const POOL_WEIGHTS_INPUT: "pool_weights";
export const POOLED_OUTPUTS: readonly ["pooled", "pooled_max"];
export const POOLED_GRAPH_MARKER: string;
/** The layer averages a layered graph computes beside each layer. */
export const LAYER_AVERAGES: readonly ["first_last", "last_two"];
/** Metadata key whose value says how many layers (n + 1) the pooled graph exposes, "0" when only the last. */
export const LAYERS_METADATA: string;
/** Output names of one layer ("0".."n", "first_last", "last_two") in a layered pooled graph. */
export function layerOutputs(key: string | number): { hidden: string; pooled: string; pooledMax: string };

/** "onnx/model.onnx" -> "onnx/model_pooled.onnx". */
export function pooledGraphFile(file: string): string;

export interface GraphValue {
  name: string;
  /** ONNX TensorProto.DataType (1 float32, 7 int64, 10 float16). */
  elemType?: number;
  dims: { value?: number; param?: string }[];
}

/** The ai.onnx opset, inputs and outputs of a serialized ModelProto. */
export interface GraphNode {
  name: string;
  op: string;
  outputs: string[];
}

export function describeGraph(bytes: Uint8Array): { opset?: number; inputs: GraphValue[]; outputs: GraphValue[]; nodes: GraphNode[] };

/** Each layer's hidden-state tensor, 0 (embeddings) to n (last_hidden_state), or why they cannot be found. */
export function findLayerTensors(nodes: readonly GraphNode[]): { tensors: string[] } | { reason: string };

/** The fragment, and the layers it exposes (n + 1, or 0 with the reason). */
export function poolingPlan(bytes: Uint8Array): { fragment: Uint8Array; layers: number; layersSkipped?: string };

/** The bytes to append to a graph to pool it; throws with the reason when it cannot be pooled. */
export function poolingFragment(bytes: Uint8Array): Uint8Array;

/** The pooled graph's bytes: the original, untouched, then the fragment. */
export function poolGraphBytes(bytes: Uint8Array): Uint8Array;

export type PooledGraphStatus =
  | { file: string; status: "written"; bytes: number; layers: number; layersSkipped?: string }
  | { file: string; status: "current" }
  | { file: string; status: "skipped"; reason: string };

/** Writes onnx/<graph>_pooled.onnx beside every graph of a model folder that lacks a current one. */
export function ensurePooledGraphs(modelDir: string): PooledGraphStatus[];

/** The fields of one protobuf message in bytes[start, end): a varint's value, or a length-delimited field's [from, to). */
export function fields(bytes: Uint8Array, start?: number, end?: number): Generator<{ field: number; value: number | [number, number] }>;
