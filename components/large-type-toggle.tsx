"use client";

import { useEffect, useState } from "react";
import { writeStored } from "./browser-storage";
import { LARGE_TYPE_KEY } from "./large-type-script";
import { useI18n } from "./i18n/use-messages";

/** Large type for projectors; remembered in localStorage, applied to <html> so every page scales. */
export function LargeTypeToggle() {
  const { t } = useI18n();
  const [large, setLarge] = useState(false);

  useEffect(() => {
    setLarge(document.documentElement.dataset.largeType === "true");
  }, []);

  function toggle() {
    const next = !large;
    setLarge(next);
    document.documentElement.dataset.largeType = String(next);
    writeStored(LARGE_TYPE_KEY, String(next));
  }

  return (
    <button
      type="button"
      onClick={toggle}
      aria-pressed={large}
      data-testid="large-type-toggle"
      className="inline-flex items-center gap-1 whitespace-nowrap rounded-md border border-slate-300 px-2 py-1 text-sm font-medium text-slate-700 hover:bg-slate-100 aria-pressed:bg-slate-800 aria-pressed:text-white sm:px-3"
      title={t.common.largeTypeTitle}
    >
      <span aria-hidden>
        A<span className="text-lg">A</span>
      </span>
      {/* On a phone only the icon shows; its accessible name stays "Large type". */}
      <span className="sr-only sm:not-sr-only">{t.common.largeType}</span>
    </button>
  );
}
