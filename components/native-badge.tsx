"use client";

import { useI18n } from "./i18n/use-messages";

/** The "native" mark on the pooling a model was trained with, the same wherever a pooling is named. */
export function NativeBadge({ tone = "slate", className = "" }: { tone?: "slate" | "emerald"; className?: string }) {
  const { t } = useI18n();
  // emerald-700, not 600: white 0.65rem text needs 4.5:1.
  const colour = tone === "emerald" ? "bg-emerald-700" : "bg-slate-900";
  return (
    <span data-testid="native-badge" className={`rounded ${colour} px-1 font-sans text-[0.65rem] font-semibold uppercase text-white ${className}`}>
      {t.common.native}
    </span>
  );
}
