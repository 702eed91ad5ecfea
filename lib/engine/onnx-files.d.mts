// Types of onnx-files.mjs (plain JavaScript so the model install can run it without a TypeScript step).

/** A graph file this big holds its weights itself: not read for external data. */
export const INLINE_GRAPH_BYTES: number;

/** The external data files named by a serialized ModelProto's initializers ("model.onnx_data"), in first-use order. */
export function externalDataLocations(bytes: Uint8Array): string[];

export interface GraphFiles {
  /** The graph, relative to the model folder ("onnx/model.onnx"). */
  file: string;
  /** The graph's size plus its external data's: what onnxruntime will hold. */
  bytes: number;
  /** External data files, relative to the model folder ("onnx/model.onnx_data"). */
  dataFiles: string[];
  /** Those of dataFiles not in the folder. */
  missing: string[];
  /** A decoder exported with its KV cache (past_key_values.* inputs): it also returns present.* for every token. */
  kvCache: boolean;
}

/** A graph of a model folder, its external data files, the missing ones, and its size with them. */
export function graphFiles(modelDir: string, file: string): GraphFiles;
