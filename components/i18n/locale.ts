/**
 * The interface languages. Shared by the layout (a server component, for the inline script) and the client hooks,
 * so it lives outside "use client". Pure.
 */
export const LOCALES = ["en", "zh"] as const;
export type Locale = (typeof LOCALES)[number];

export const LOCALE_KEY = "semantic-radar:locale";

/** Each language's own name, as its readers write it (the switch shows the other one). */
export const LOCALE_NAMES: Record<Locale, string> = { en: "English", zh: "简体中文" };

/** The BCP 47 tag for <html lang> and Intl formatting. */
export const LOCALE_TAGS: Record<Locale, string> = { en: "en", zh: "zh-CN" };

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The first of the browser's languages that we speak: any Chinese (zh, zh-CN, zh-TW, ...) gives 简体中文. */
export function localeFromLanguages(languages: readonly string[]): Locale {
  for (const language of languages) {
    const primary = language.toLowerCase().split("-")[0];
    if (primary === "zh") return "zh";
    if (primary === "en") return "en";
  }
  return "en";
}

/** A stored choice wins; without one, the browser's languages decide. */
export function chooseLocale(stored: string | null, languages: readonly string[]): Locale {
  return isLocale(stored) ? stored : localeFromLanguages(languages);
}

/**
 * Runs before first paint (inlined in the layout): <html lang> names the language the page will speak, so a screen
 * reader and the browser's font choice for Chinese are right from the start. Mirrors chooseLocale.
 */
export const LOCALE_SCRIPT = `try{var l=localStorage.getItem(${JSON.stringify(LOCALE_KEY)});if(l!=="en"&&l!=="zh"){l="en";var n=navigator.languages||[navigator.language];for(var i=0;i<n.length;i++){var p=String(n[i]).toLowerCase().split("-")[0];if(p==="zh"||p==="en"){l=p;break}}}document.documentElement.lang=l==="zh"?"zh-CN":"en"}catch(e){}`;
