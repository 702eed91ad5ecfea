/**
 * A lab scenario: one query and three candidates the author ranked by hand. The lab measures how well each
 * pooling separates the strong candidate from the unrelated one. Types only: safe for client components.
 */
export const SCENARIO_LANGS = ["zh", "en"] as const;
/** zh: the article's scenarios as written; en: the same eight, translated. */
export type ScenarioLang = (typeof SCENARIO_LANGS)[number];

export const CANDIDATE_ROLES = ["strong", "weak", "unrelated"] as const;
/** The hand-made ranking a good embedding should reproduce: strong > weak > unrelated. */
export type CandidateRole = (typeof CANDIDATE_ROLES)[number];

export interface Scenario {
  /** Shown in tables and exports, e.g. "1. 同义替换". */
  name: string;
  query: string;
  strong: string;
  weak: string;
  unrelated: string;
}

/** The article's claimed numbers for one scenario and one pooling (Qwen3-Embedding-4B, Chinese). */
export interface ClaimedScores {
  strong: number;
  unrelated: number;
  /** The article's 区分度 (Δ): strong minus unrelated. */
  delta: number;
}

export interface ScenarioClaim {
  cls: ClaimedScores;
  mean: ClaimedScores;
}

export function isScenarioLang(value: unknown): value is ScenarioLang {
  return typeof value === "string" && (SCENARIO_LANGS as readonly string[]).includes(value);
}
