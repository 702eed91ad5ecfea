/**
 * Every label and message of the interface, in English and 简体中文: one typed dictionary per area (each file
 * holds both languages side by side, and bilingual() fails the build when Chinese misses a key or a parameter).
 */
import type { Locale } from "../locale";
import { common } from "./common";
import { documents, keyword } from "./documents";
import { errors } from "./errors";
import { kb } from "./kb";
import { lab } from "./lab";
import { labLayers } from "./lab-layers";
import { labWhy } from "./lab-why";
import { library } from "./library";
import { results } from "./results";
import { room } from "./room";
import { search } from "./search";
import { settings } from "./settings";
import { variant } from "./variant";
import { why } from "./why";

const AREAS = { common, documents, errors, kb, keyword, lab, labLayers, labWhy, library, results, room, search, settings, variant, why };

type Areas = typeof AREAS;
export type Messages = { [A in keyof Areas]: Areas[A]["en"] };

function inLanguage(locale: Locale): Messages {
  return Object.fromEntries(Object.entries(AREAS).map(([area, messages]) => [area, messages[locale]])) as Messages;
}

export const MESSAGES: Record<Locale, Messages> = { en: inLanguage("en"), zh: inLanguage("zh") };
