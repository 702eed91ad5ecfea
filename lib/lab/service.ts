/**
 * The lab on an installed model, by id: load (or reuse) its engine, run the scenarios, describe the result.
 * Server-only: used by the lab API route and `npm run lab`.
 */
import "server-only";
import { getModelInfo, loadEngine } from "@/lib/engine/index";
import type { DeviceChoice, Graph, ModelInfo } from "@/lib/engine/types";
import { runLab } from "./run";
import { defaultLangFor, toLabModel } from "./model";
import type { LabReport } from "./report";
import { articleScenarios } from "./scenarios/index";
import type { Scenario, ScenarioLang } from "./scenarios/types";

export interface LabRequest {
  /** zh or en: the article's scenarios. @default the model's language (zh for a Chinese model, else en) */
  lang?: ScenarioLang;
  /** A person's own scenarios instead of the article's (reported as lang "custom"). */
  scenarios?: readonly Scenario[];
  /** @default the model's first graph (fp32 where present), so numbers do not change with the device */
  graph?: Graph;
  /** @default the engine's default (SEMANTIC_RADAR_DEVICE, else auto) */
  device?: DeviceChoice;
  signal?: AbortSignal;
}

/** The graph the lab uses when none is asked for: fp32 first (the registry lists graphs fp32 first). */
export function labGraphFor(model: ModelInfo, requested?: Graph): Graph | undefined {
  return requested ?? model.graphs[0]?.graph;
}

export async function runLabOnModel(modelId: string, request: LabRequest = {}): Promise<LabReport> {
  const info = getModelInfo(modelId);
  const lang = request.scenarios ? "custom" : (request.lang ?? defaultLangFor(info));
  const scenarios = request.scenarios ?? articleScenarios(lang === "custom" ? "en" : lang);
  const loadStarted = performance.now();
  const engine = await loadEngine(modelId, { graph: labGraphFor(info, request.graph), device: request.device });
  const loadMs = performance.now() - loadStarted;
  const run = await runLab(engine, scenarios, { signal: request.signal });
  return {
    model: toLabModel(engine.info.model),
    graph: engine.info.graph,
    device: engine.info.device,
    loadMs,
    lang,
    scenarios: [...scenarios],
    run,
  };
}
