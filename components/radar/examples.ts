/**
 * The article's eight scenarios (section 4): each a query with a strongly related, a weakly related and an
 * unrelated candidate. The radar preloads the 24 candidates as its example knowledge base, in Chinese as the
 * article wrote them and in English, so a first visit shows results at once. The article's "strong / weak /
 * unrelated" labels are its hypotheses; the radar shows what a real model makes of them.
 */
import { articleScenarios, scenarioLangFor, type Scenario, type ScenarioLang } from "@/lib/lab/scenarios";

export type ExampleLanguage = ScenarioLang;

/** One source of truth: the Pooling Lab's copy of the article's scenarios (lib/lab/scenarios). */
export const SCENARIOS: Record<ExampleLanguage, readonly Scenario[]> = { zh: articleScenarios("zh"), en: articleScenarios("en") };

/** The example knowledge base: every scenario's three candidates, one per line. */
export function exampleKbText(language: ExampleLanguage): string {
  return SCENARIOS[language].flatMap((s) => [s.strong, s.weak, s.unrelated]).join("\n");
}

/** The example query a first visit searches for at once. */
export function exampleQuery(language: ExampleLanguage): string {
  return SCENARIOS[language][DEFAULT_SCENARIO].query;
}

const DEFAULT_SCENARIO = 7;

/** Chinese examples for a model that reads Chinese (and not English), English otherwise: the lab's rule too. */
export { scenarioLangFor as exampleLanguageFor };

/** True when `text` is one of the example knowledge bases, untouched (safe to swap for the other language). */
export function isExampleKb(text: string): boolean {
  return (Object.keys(SCENARIOS) as ExampleLanguage[]).some((language) => exampleKbText(language) === text);
}

export function isExampleQuery(text: string): boolean {
  return Object.values(SCENARIOS).some((scenarios) => scenarios.some((s) => s.query === text));
}
