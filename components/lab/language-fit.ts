/**
 * Does a run's scenario language fit its model? The article's Chinese scenarios on an English-only model (or the
 * English ones on a Chinese-only model) give scores that look like measurements and mean little: the Lab says so
 * and draws no conclusion from such a run. Custom scenarios are judged by their script, like the radar's entries.
 * Pure.
 */
import type { LabReport } from "@/lib/lab/report";
import { scriptMismatch } from "@/lib/kb/script-check";

export interface LanguageMisfit {
  /** The scenarios' language, as far as it can be told. */
  scenarios: "en" | "zh" | "other";
  /** The languages the model was trained on. */
  model: readonly string[];
}

export function languageMisfit(report: Pick<LabReport, "lang" | "model" | "scenarios">): LanguageMisfit | null {
  const languages = report.model.languages ?? [];
  if (languages.length === 0) return null;
  if (report.lang === "zh" || report.lang === "en") {
    return languages.includes(report.lang) ? null : { scenarios: report.lang, model: languages };
  }
  const texts = report.scenarios.flatMap((s) => [s.query, s.strong, s.weak, s.unrelated]);
  const mismatch = scriptMismatch(texts, languages, report.model.id);
  if (!mismatch) return null;
  return { scenarios: mismatch.script === "Chinese" ? "zh" : "en", model: languages };
}
