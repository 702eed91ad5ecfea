/**
 * The layer sweep for the Lab page: computed on demand on the first `pairs` pairs of an STS set, cached in this
 * server's memory per model + dataset + pairs, shared by concurrent requests (SharedRuns). Server-only.
 */
import "server-only";
import { getModelInfo, loadEngine } from "@/lib/engine/index";
import { loadStsDataset, type StsDataset } from "../eval/sts";
import { sweepLayers, type LayerSweep } from "./layer-sweep";
import { defaultStsDatasetFor } from "./model";
import { articleScenarios } from "./scenarios";
import { SharedRuns, type JoinOptions } from "./shared-runs";

export interface LayersRequest extends JoinOptions {
  dataset?: StsDataset;
  /** The first this many pairs. @default DEFAULT_LAYER_PAIRS */
  pairs?: number;
}

/** A quick look that still ranks well: a full STS-B test set sweep takes minutes of CPU. */
export const DEFAULT_LAYER_PAIRS = 300;

const runs = new SharedRuns<LayerSweep>();

function resolve(modelId: string, request: Pick<LayersRequest, "dataset" | "pairs">) {
  const info = getModelInfo(modelId);
  const dataset = request.dataset ?? defaultStsDatasetFor(info);
  const pairs = request.pairs ?? DEFAULT_LAYER_PAIRS;
  return { dataset, pairs, key: `${modelId}|${dataset}|${pairs}` };
}

export function cachedLabLayers(modelId: string, request: Pick<LayersRequest, "dataset" | "pairs"> = {}): LayerSweep | undefined {
  return runs.cached(resolve(modelId, request).key);
}

export function labLayers(modelId: string, request: LayersRequest = {}): Promise<LayerSweep> {
  const { dataset, pairs, key } = resolve(modelId, request);
  return runs.join(
    key,
    async (signal, onProgress) => {
      const engine = await loadEngine(modelId);
      const scenarios = articleScenarios(dataset === "stsb-zh" ? "zh" : "en");
      return sweepLayers(engine, loadStsDataset(dataset).slice(0, pairs), { dataset, scenarios, signal, onProgress });
    },
    request,
  );
}
