/**
 * What the lab page and its exports show about a model: ModelInfo without server paths. Pure: safe for clients.
 */
import type { Graph, ModelInfo } from "@/lib/engine/types";

/** ModelInfo less what only the server needs (its folder, graph files, ONNX input names, padding side). */
export type LabModel = Omit<ModelInfo, "dir" | "graphs" | "inputNames" | "paddingSide"> & { graphs: Graph[] };

export function toLabModel(info: ModelInfo): LabModel {
  const { dir: _dir, graphs, inputNames: _inputNames, paddingSide: _paddingSide, ...shown } = info;
  return { ...shown, languages: [...info.languages], prompts: { ...info.prompts }, graphs: graphs.map((g) => g.graph) };
}

/** Chinese scenarios for a model that reads Chinese, English otherwise. */
export function defaultLangFor(model: Pick<LabModel, "languages">): "zh" | "en" {
  return model.languages.includes("zh") ? "zh" : "en";
}

/** The STS Benchmark split in the model's language. */
export function defaultStsDatasetFor(model: Pick<LabModel, "languages">): "stsb-zh" | "stsb-en" {
  return model.languages.includes("zh") ? "stsb-zh" : "stsb-en";
}
