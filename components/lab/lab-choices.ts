/**
 * The Lab's choices (model, scenario set, graph) as kept in localStorage, so a reload runs what was picked last.
 * Read back against what is installed now: a model or graph that is gone falls back to the default. Pure.
 */
import type { Graph } from "@/lib/api/contract";
import type { LabModel } from "@/lib/lab/model";

export const LAB_CHOICES_KEY = "semantic-radar:lab-choices:v1";
export const ALL_MODELS = "all";
/** auto: each model's own language (zh for a Chinese model, else en); custom: the editor's scenarios. */
export const SCENARIO_CHOICES = ["auto", "zh", "en", "custom"] as const;
export type ScenarioChoice = (typeof SCENARIO_CHOICES)[number];

export interface LabChoices {
  /** A model id, or ALL_MODELS. */
  model: string;
  scenarios: ScenarioChoice;
  graph: Graph;
}

/** The graphs any installed model ships, fp32 first. */
export function graphsOf(models: readonly LabModel[]): Graph[] {
  const order: Graph[] = ["fp32", "fp16", "int8"];
  return order.filter((g) => models.some((m) => m.graphs.includes(g)));
}

export function defaultLabChoices(models: readonly LabModel[]): LabChoices {
  const model = models.find((m) => m.isDefault) ?? models[0];
  return { model: model?.id ?? "", scenarios: "auto", graph: model?.graphs[0] ?? "fp32" };
}

/** Each stored field that is missing, malformed or no longer installed takes its default. */
export function parseLabChoices(stored: string | null, models: readonly LabModel[]): LabChoices {
  const choices = defaultLabChoices(models);
  let raw: Record<string, unknown> = {};
  try {
    const parsed: unknown = JSON.parse(stored ?? "{}");
    if (typeof parsed === "object" && parsed !== null) raw = parsed as Record<string, unknown>;
  } catch {
    return choices;
  }
  const modelOk = (id: unknown) => models.some((m) => m.id === id) || (id === ALL_MODELS && models.length > 1);
  if (modelOk(raw.model)) choices.model = raw.model as string;
  if ((SCENARIO_CHOICES as readonly unknown[]).includes(raw.scenarios)) choices.scenarios = raw.scenarios as ScenarioChoice;
  if ((graphsOf(models) as unknown[]).includes(raw.graph)) choices.graph = raw.graph as Graph;
  return choices;
}
