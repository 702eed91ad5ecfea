/**
 * Does a knowledge base's writing match what the model was trained on? Chinese entries on an English-only model
 * get tokens the model barely knows ([UNK] or single bytes) and scores that look confident and mean little. Pure.
 */

const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;

/** Warn when at least this share of the entries is in a script the model does not cover. */
const MISMATCH_SHARE = 0.2;

export interface ScriptMismatch {
  /** The entries' script the model was not trained on. */
  script: "Chinese" | "Latin";
  share: number;
  message: string;
}

export function scriptMismatch(entries: readonly string[], languages: readonly string[], modelId: string): ScriptMismatch | null {
  if (entries.length === 0) return null;
  const share = (pattern: RegExp) => entries.filter((entry) => pattern.test(entry)).length / entries.length;
  const han = share(HAN);
  if (!languages.includes("zh") && han >= MISMATCH_SHARE) {
    return { script: "Chinese", share: han, message: `${pct(han)} of the entries are Chinese, but ${modelId} was trained on ${languages.join(", ") || "other languages"} only: its scores for them are not to be trusted. Pick a Chinese model.` };
  }
  const latinOnly = entries.filter((entry) => LATIN.test(entry) && !HAN.test(entry)).length / entries.length;
  if (languages.length > 0 && languages.every((l) => l === "zh") && latinOnly >= MISMATCH_SHARE) {
    return { script: "Latin", share: latinOnly, message: `${pct(latinOnly)} of the entries are in Latin script with no Chinese, but ${modelId} was trained on Chinese: scores for them are weaker evidence. Pick an English model.` };
  }
  return null;
}

function pct(share: number): string {
  return `${Math.round(share * 100)}%`;
}
