/**
 * STS Benchmark Spearman per pooling for the lab's model card: computed on demand, cached in this server's memory
 * per model + graph + dataset, shared by concurrent requests (see SharedRuns). Server-only.
 */
import "server-only";
import { getModelInfo, loadEngine } from "@/lib/engine/index";
import type { DeviceChoice, Graph } from "@/lib/engine/types";
import { defaultStsDatasetFor } from "./model";
import { labGraphFor } from "./service";
import { SharedRuns, type JoinOptions } from "./shared-runs";
import type { LabSts } from "./sts-types";
import { evaluateSts, loadStsDataset, type StsDataset } from "../eval/sts";
import { cutSizes } from "../pooling/matryoshka-sizes";

export type { LabSts } from "./sts-types";

export interface StsRequest extends JoinOptions {
  graph?: Graph;
  dataset?: StsDataset;
  /** Not part of the cache key: a device changes the speed, not (beyond float noise) the scores. */
  device?: DeviceChoice;
}

const runs = new SharedRuns<LabSts>();

/** Fills in the defaults (the model's first graph, its language's dataset); an unknown model throws model_not_found. */
function resolve(modelId: string, request: Pick<StsRequest, "graph" | "dataset">) {
  const info = getModelInfo(modelId);
  const graph = labGraphFor(info, request.graph);
  const dataset = request.dataset ?? defaultStsDatasetFor(info);
  return { graph, dataset, key: `${modelId}|${graph}|${dataset}` };
}

/** The result this server has computed, if any; never starts work. */
export function cachedLabSts(modelId: string, request: Pick<StsRequest, "graph" | "dataset"> = {}): LabSts | undefined {
  return runs.cached(resolve(modelId, request).key);
}

export function labSts(modelId: string, request: StsRequest = {}): Promise<LabSts> {
  const { graph, dataset, key } = resolve(modelId, request);
  return runs.join(
    key,
    async (signal, onProgress) => {
      const pairs = loadStsDataset(dataset);
      const engine = await loadEngine(modelId, { graph, device: request.device });
      const started = performance.now();
      const model = engine.info.model;
      // The declared cuts for a Matryoshka model; 32, 64, ... for any other, to show what a cut costs it.
      const sizes = model.matryoshka?.sizes ?? cutSizes(model.hiddenSize);
      const result = await evaluateSts(engine, pairs, { signal, onProgress, sizes });
      return {
        model: modelId,
        graph: engine.info.graph,
        device: engine.info.device,
        dataset,
        pairs: result.pairs,
        spearman: result.spearman,
        native: engine.info.model.nativePooling,
        bySize: result.bySize ?? [],
        matryoshka: Boolean(model.matryoshka),
        seconds: (performance.now() - started) / 1000,
      };
    },
    request,
  );
}
