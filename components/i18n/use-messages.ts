"use client";

import { MESSAGES, type Messages } from "./messages";
import { LOCALE_TAGS, type Locale } from "./locale";
import { useLocale } from "./use-locale";

export interface I18n {
  locale: Locale;
  t: Messages;
  /** A count with the language's digit grouping: 50,000. */
  n: (value: number) => string;
}

/** The messages of the interface language, and its number format. */
export function useI18n(): I18n {
  const [locale] = useLocale();
  return { locale, t: MESSAGES[locale], n: (value) => value.toLocaleString(LOCALE_TAGS[locale]) };
}
