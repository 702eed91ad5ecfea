"use client";

import type { SearchPhase } from "./search-flow";
import { useI18n } from "../i18n/use-messages";

/** The streamed embedding progress, with Cancel (which really stops the work on the server). */
export function EmbedProgress({ phase, onCancel }: { phase: SearchPhase; onCancel: () => void }) {
  const { t, n } = useI18n();
  if (phase.kind === "idle") return null;
  const embedding = phase.kind === "embedding";
  const percent = embedding && phase.total ? Math.round((phase.done / phase.total) * 100) : embedding ? 0 : 100;
  const label = !embedding
    ? t.search.searching
    : phase.waiting
      ? t.search.starting
      : t.search.embedding(n(phase.done), n(phase.total));
  return (
    <div data-testid="embed-progress" className="flex items-center gap-3 rounded-lg border border-slate-200 bg-white p-3">
      <div className="flex-1">
        <p className="mb-1 text-sm text-slate-700">{label}</p>
        <div
          role="progressbar"
          aria-label={label}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          className="h-2.5 overflow-hidden rounded-full bg-slate-200"
        >
          <div className="h-full rounded-full bg-blue-600 transition-[width]" style={{ width: `${percent}%` }} />
        </div>
      </div>
      <button
        type="button"
        onClick={onCancel}
        data-testid="cancel-button"
        className="rounded-md border border-slate-300 px-3 py-1 text-sm font-medium hover:bg-slate-100"
      >
        {t.common.cancel}
      </button>
    </div>
  );
}
