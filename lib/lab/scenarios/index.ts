import { dataLanguageFor } from "../../eval/sts-datasets";
import { ARTICLE_SCENARIOS_EN } from "./article-en";
import { ARTICLE_SCENARIOS_ZH } from "./article-zh";
import type { Scenario, ScenarioLang } from "./types";

export { ARTICLE_SCENARIOS_EN } from "./article-en";
export { ARTICLE_SCENARIOS_ZH } from "./article-zh";
export { ARTICLE_CLAIMED_AVERAGE, ARTICLE_CLAIMS, ARTICLE_CLAIM_SOURCE } from "./article-claims";
export { CUSTOM_FILE_FORMAT, CUSTOM_FILE_VERSION, parseCustomScenarios, serializeCustomScenarios } from "./custom-file";
export { SCENARIOS_MAX, SCENARIO_TEXT_MAX_CHARS, formatZodIssues, scenarioListSchema, scenarioSchema } from "./schema";
export * from "./types";

/** Which language's scenarios suit a model (dataLanguageFor: the radar's examples and the lab's defaults follow it). */
export function scenarioLangFor(languages: readonly string[]): ScenarioLang {
  return dataLanguageFor(languages);
}

/** The article's eight scenarios in one language; the claimed numbers (ARTICLE_CLAIMS) follow the same order. */
export function articleScenarios(lang: ScenarioLang): readonly Scenario[] {
  return lang === "zh" ? ARTICLE_SCENARIOS_ZH : ARTICLE_SCENARIOS_EN;
}
