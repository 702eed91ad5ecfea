"use client";

import { useId, useState, type ReactNode } from "react";
import { useI18n } from "../i18n/use-messages";

/**
 * The settings: always shown beside the results on wide screens; on a phone folded under one bar that says what is
 * set, so the query and its results come first.
 */
export function SettingsDrawer({ summary, children }: { summary: string; children: ReactNode }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const id = useId();
  return (
    <div className="flex flex-col gap-5">
      <button
        type="button"
        data-testid="settings-toggle"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((current) => !current)}
        className="flex w-full items-center gap-2 rounded-md border border-slate-300 bg-white px-3 py-2 text-left lg:hidden"
      >
        <span className="font-semibold">{t.settings.label}</span>
        <span className="min-w-0 flex-1 truncate text-sm text-slate-600">{summary}</span>
        <span aria-hidden>{open ? "▴" : "▾"}</span>
      </button>
      <div id={id} data-testid="settings-panel" className={`${open ? "flex" : "hidden"} flex-col gap-5 lg:flex`}>
        {children}
      </div>
    </div>
  );
}
