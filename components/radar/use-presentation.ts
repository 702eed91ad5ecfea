"use client";

import { useCallback, useEffect, useState } from "react";

/**
 * Presentation mode: the page becomes the query and large results (the site header hides through a data attribute
 * on <html>, see globals.css). Escape leaves it, unless something nearer (an open explanation) took the key.
 */
export function usePresentation() {
  const [presenting, setPresenting] = useState(false);

  useEffect(() => {
    document.documentElement.dataset.presenting = String(presenting);
    if (!presenting) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      event.preventDefault();
      setPresenting(false);
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [presenting]);

  useEffect(() => () => void delete document.documentElement.dataset.presenting, []);

  return { presenting, toggle: useCallback(() => setPresenting((on) => !on), []) };
}
