"use client";

import { useCallback, useSyncExternalStore } from "react";
import { readStored, writeStored } from "../browser-storage";
import { chooseLocale, LOCALE_KEY, LOCALE_TAGS, type Locale } from "./locale";

// Every mounted component reads the language from one place; a switch tells them all (and other tabs, via storage).
const CHANGED = "semantic-radar:locale-changed";

function subscribe(onChange: () => void): () => void {
  window.addEventListener(CHANGED, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(CHANGED, onChange);
    window.removeEventListener("storage", onChange);
  };
}

// The choice of this visit, for a browser that will not store it (storage off): the switch still works until reload.
let chosen: Locale | null = null;

function currentLocale(): Locale {
  return chosen ?? chooseLocale(readStored(LOCALE_KEY), navigator.languages?.length ? navigator.languages : [navigator.language]);
}

/**
 * The interface language: the stored choice, else the browser's languages. The server renders English (pages stay
 * static); the browser switches right after hydration, and the inline script has already set <html lang>.
 */
export function useLocale(): [Locale, (next: Locale) => void] {
  const locale = useSyncExternalStore(subscribe, currentLocale, () => "en" as const);
  const setLocale = useCallback((next: Locale) => {
    chosen = writeStored(LOCALE_KEY, next) ? null : next;
    document.documentElement.lang = LOCALE_TAGS[next];
    window.dispatchEvent(new Event(CHANGED));
  }, []);
  return [locale, setLocale];
}
