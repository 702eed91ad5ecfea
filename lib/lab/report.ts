/**
 * One lab run on one model, as the API returns it and the CLI and exports print it; and the JSON shape the
 * issue fixes for `npm run lab -- --json` and the page's JSON export. Pure: safe for client components.
 */
import type { Device, Graph } from "@/lib/engine/types";
import type { Pooling } from "@/lib/pooling/strategies";
import { mapPoolings, round4 } from "./table";
import type { LabModel } from "./model";
import type { LabRun } from "./run";
import { ARTICLE_CLAIMED_AVERAGE, ARTICLE_CLAIMS } from "./scenarios/article-claims";
import type { ClaimedScores, Scenario, ScenarioLang } from "./scenarios/types";

/** zh / en: the article's eight scenarios; custom: a person's own, from the lab's editor. */
export type LabLang = ScenarioLang | "custom";

export interface LabReport {
  model: LabModel;
  graph: Graph;
  device: Device;
  /** Load time of the model (0 when it was already loaded). */
  loadMs: number;
  lang: LabLang;
  scenarios: Scenario[];
  run: LabRun;
}

export interface LabJson {
  model: string;
  lang: LabLang;
  scenarios: Array<{
    name: string;
    pooling: Record<Pooling, { strong: number; weak: number; unrelated: number; delta: number }>;
  }>;
  average_delta: Record<Pooling, number>;
  native: Pooling;
}

/** Scores rounded to four decimals, as the article prints them. */
export function toLabJson(report: LabReport): LabJson {
  const { table } = report.run;
  return {
    model: report.model.id,
    lang: report.lang,
    scenarios: table.rows.map((row) => ({
      name: row.name,
      pooling: mapPoolings((p) => {
        const { strong, weak, unrelated, delta } = row.pooling[p];
        return { strong: round4(strong), weak: round4(weak), unrelated: round4(unrelated), delta: round4(delta) };
      }),
    })),
    average_delta: mapPoolings((p) => round4(table.averageDelta[p])),
    native: report.model.nativePooling,
  };
}

/** The article's claim for a row, where the article made one: its own scenarios (either language), CLS and Mean. */
export function claimFor(lang: LabLang, rowIndex: number, pooling: Pooling): ClaimedScores | undefined {
  if (lang === "custom" || (pooling !== "cls" && pooling !== "mean")) return undefined;
  return ARTICLE_CLAIMS[rowIndex]?.[pooling];
}

/**
 * The article's average Δ for a pooling, as printed and as its own rows average (they differ for Mean:
 * 0.4016 printed, 0.4205 from its rows); undefined where the article made no claim.
 */
export function articleAverageFor(lang: LabLang, pooling: Pooling): { printed: number; ownRows: number } | undefined {
  if (lang === "custom" || (pooling !== "cls" && pooling !== "mean")) return undefined;
  const ownRows = ARTICLE_CLAIMS.reduce((sum, claim) => sum + claim[pooling].delta, 0) / ARTICLE_CLAIMS.length;
  return { printed: ARTICLE_CLAIMED_AVERAGE[pooling], ownRows };
}
