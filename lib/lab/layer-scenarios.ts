/**
 * The article's scenarios per layer: the same table the Lab computes on the last layer (query vs strong, weak and
 * unrelated candidate), for every layer and both layer averages, from two forward passes (queries with the
 * model's query prompt, candidates as documents). Per layer and pooling: the average delta (strong - unrelated,
 * the article's 区分度) and how many scenarios keep strong > weak > unrelated.
 */
import type { EmbeddingEngine, LayerEmbedResult } from "../engine/types";
import { cosine } from "../pooling/normalize";
import type { Pooling } from "../pooling/strategies";
import { buildLabRow, buildLabTable, mapPoolings } from "./table";
import { CANDIDATE_ROLES, type Scenario } from "./scenarios/types";

export interface LayerScenarios {
  /** Per layer key, per pooling: the mean of strong - unrelated over the scenarios. */
  averageDelta: Record<string, Record<Pooling, number>>;
  /** Per layer key, per pooling: scenarios whose candidates keep strong > weak > unrelated. */
  ordered: Record<string, Record<Pooling, number>>;
  scenarios: number;
}

const row = (embedded: LayerEmbedResult, layer: string, pooling: Pooling, index: number) => {
  const { dims } = embedded;
  return embedded.layers[layer][pooling]!.subarray(index * dims, (index + 1) * dims);
};

export async function scenariosPerLayer(engine: EmbeddingEngine, scenarios: readonly Scenario[], signal?: AbortSignal): Promise<LayerScenarios> {
  const queries = await engine.embedLayers(scenarios.map((s) => s.query), { kind: "query", signal });
  const candidates = await engine.embedLayers(scenarios.flatMap((s) => CANDIDATE_ROLES.map((role) => s[role])), { kind: "document", signal });
  const averageDelta: LayerScenarios["averageDelta"] = {};
  const ordered: LayerScenarios["ordered"] = {};
  for (const layer of Object.keys(queries.layers)) {
    const rows = scenarios.map((scenario, i) =>
      buildLabRow(
        scenario.name,
        mapPoolings((p) => Object.fromEntries(CANDIDATE_ROLES.map((role, k) => [role, cosine(row(queries, layer, p, i), row(candidates, layer, p, 3 * i + k))])) as Record<(typeof CANDIDATE_ROLES)[number], number>),
      ),
    );
    const table = buildLabTable(rows);
    averageDelta[layer] = table.averageDelta;
    ordered[layer] = table.orderedCount;
  }
  return { averageDelta, ordered, scenarios: scenarios.length };
}
