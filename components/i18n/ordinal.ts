/** Ordinal numbers in each interface language: 1st 2nd 3rd 4th 11th 12th 13th 21st 22nd 101st; 第 22. Pure. */
import type { Locale } from "./locale";

const ENGLISH_RULES = new Intl.PluralRules("en", { type: "ordinal" });
const ENGLISH_SUFFIXES: Record<Intl.LDMLPluralRule, string> = { zero: "th", one: "st", two: "nd", few: "rd", many: "th", other: "th" };

export function ordinal(n: number, locale: Locale): string {
  if (locale === "zh") return `第 ${n}`;
  return `${n}${ENGLISH_SUFFIXES[ENGLISH_RULES.select(n)]}`;
}
