"use client";

import { useEffect, useState } from "react";
import { readStored, writeStored } from "./browser-storage";
import { DARK_QUERY, THEME_KEY } from "./theme-script";
import { useI18n } from "./i18n/use-messages";

/**
 * Dark mode: follows the system's colour scheme until pressed, then remembers the choice (localStorage). The class on
 * <html> is the one source of truth; the inline script set it before first paint.
 */
export function ThemeToggle() {
  const { t } = useI18n();
  const [dark, setDark] = useState(false);

  useEffect(() => {
    const root = document.documentElement;
    setDark(root.classList.contains("dark"));
    // With no stored choice, a change of the system's scheme (sunset, a projector profile) is followed live.
    const media = window.matchMedia(DARK_QUERY);
    const follow = (event: MediaQueryListEvent) => {
      if (readStored(THEME_KEY) !== null) return;
      root.classList.toggle("dark", event.matches);
      setDark(event.matches);
    };
    media.addEventListener("change", follow);
    return () => media.removeEventListener("change", follow);
  }, []);

  function toggle() {
    const next = !dark;
    setDark(next);
    document.documentElement.classList.toggle("dark", next);
    writeStored(THEME_KEY, next ? "dark" : "light");
  }

  return (
    <button
      type="button"
      onClick={toggle}
      aria-pressed={dark}
      data-testid="theme-toggle"
      title={t.common.darkMode}
      className="inline-flex items-center gap-1 rounded-md border border-slate-300 px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100 sm:px-3"
    >
      <span aria-hidden>{dark ? "☾" : "☀"}</span>
      <span className="sr-only sm:not-sr-only">{t.common.darkMode}</span>
    </button>
  );
}
