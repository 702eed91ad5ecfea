/**
 * What the lab page and its exports show about a model: ModelInfo without server paths. Pure: safe for clients.
 */
import type { Architecture, Graph, ModelInfo } from "@/lib/engine/types";
import type { Pooling } from "@/lib/pooling/strategies";

export interface LabModel {
  id: string;
  description: string;
  languages: string[];
  isDefault: boolean;
  architecture: Architecture;
  modelType: string;
  hiddenSize: number;
  numLayers: number;
  maxTokens: number;
  nativePooling: Pooling;
  prompts: { query?: string; document?: string };
  graphs: Graph[];
}

export function toLabModel(info: ModelInfo): LabModel {
  return {
    id: info.id,
    description: info.description,
    languages: [...info.languages],
    isDefault: info.isDefault,
    architecture: info.architecture,
    modelType: info.modelType,
    hiddenSize: info.hiddenSize,
    numLayers: info.numLayers,
    maxTokens: info.maxTokens,
    nativePooling: info.nativePooling,
    prompts: { ...info.prompts },
    graphs: info.graphs.map((graph) => graph.graph),
  };
}

/** Chinese scenarios for a model that reads Chinese, English otherwise. */
export function defaultLangFor(model: Pick<LabModel, "languages">): "zh" | "en" {
  return model.languages.includes("zh") ? "zh" : "en";
}

/** The STS Benchmark split in the model's language. */
export function defaultStsDatasetFor(model: Pick<LabModel, "languages">): "stsb-zh" | "stsb-en" {
  return model.languages.includes("zh") ? "stsb-zh" : "stsb-en";
}
