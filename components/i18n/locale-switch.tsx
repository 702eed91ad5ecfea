"use client";

import { LOCALE_NAMES, LOCALE_TAGS } from "./locale";
import { useI18n } from "./use-messages";
import { useLocale } from "./use-locale";

/** English | 简体中文: shows the other language in its own words (whoever needs it can read it), and remembers it. */
export function LocaleSwitch() {
  const [locale, setLocale] = useLocale();
  const { t } = useI18n();
  const other = locale === "en" ? "zh" : "en";
  return (
    <button
      type="button"
      data-testid="locale-switch"
      data-locale={locale}
      aria-label={t.common.switchLanguage(LOCALE_NAMES[other])}
      onClick={() => setLocale(other)}
      className="inline-flex items-center whitespace-nowrap rounded-md border border-slate-300 px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100 sm:px-3"
    >
      <span lang={LOCALE_TAGS[other]}>{other === "zh" ? "中文" : "EN"}</span>
    </button>
  );
}
