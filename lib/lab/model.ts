/**
 * What the lab page and its exports show about a model: ModelInfo without server paths. Pure: safe for clients.
 */
import type { Graph, ModelInfo } from "@/lib/engine/types";
import { stsDatasetFor, type StsDataset } from "@/lib/eval/sts-datasets";
import { scenarioLangFor } from "./scenarios/index";
import type { ScenarioLang } from "./scenarios/types";

/** ModelInfo less what only the server needs (its folder, graph files, ONNX input names, padding side). */
export type LabModel = Omit<ModelInfo, "dir" | "graphs" | "inputNames" | "paddingSide"> & { graphs: Graph[] };

export function toLabModel(info: ModelInfo): LabModel {
  const { dir: _dir, graphs, inputNames: _inputNames, paddingSide: _paddingSide, ...shown } = info;
  return { ...shown, languages: [...info.languages], prompts: { ...info.prompts }, graphs: graphs.map((g) => g.graph) };
}

/** The article's scenarios in the model's language (scenarioLangFor). */
export function defaultLangFor(model: Pick<LabModel, "languages">): ScenarioLang {
  return scenarioLangFor(model.languages);
}

/** The STS Benchmark split in the same language. */
export function defaultStsDatasetFor(model: Pick<LabModel, "languages">): StsDataset {
  return stsDatasetFor(model.languages);
}
