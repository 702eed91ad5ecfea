"use client";

import { useI18n } from "../../i18n/use-messages";
import type { DocumentPhase } from "./use-document-search";

/** Reading, chunking and embedding the document: how far, the time left once it can be told, and Cancel. */
export function DocumentProgress({ phase, onCancel }: { phase: Exclude<DocumentPhase, { kind: "idle" }>; onCancel: () => void }) {
  const { t, n } = useI18n();
  const words = t.documents;
  const counted = phase.kind === "embedding" && phase.total > 0;
  const percent = counted ? (100 * phase.done) / phase.total : 0;
  const left = phase.kind === "embedding" && phase.secondsLeft !== null ? timeLeft(phase.secondsLeft, words, n) : null;
  return (
    <div data-testid="document-progress" className="flex items-center gap-3 rounded-lg border border-slate-200 bg-white p-3 text-sm">
      <div className="flex-1">
        <p aria-live="polite">{counted ? `${words.embedding(n(phase.done), n(phase.total))}${left ? ` · ${left}` : ""}` : words.starting}</p>
        <div role="progressbar" aria-label={words.starting} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.round(percent)} className="mt-1 h-2 overflow-hidden rounded-full bg-slate-200">
          <div className="h-full bg-blue-600" style={{ width: `${percent}%` }} />
        </div>
      </div>
      <button type="button" data-testid="document-cancel" onClick={onCancel} className="rounded-md border border-slate-300 px-3 py-1 font-medium hover:bg-slate-100">
        {words.cancel}
      </button>
    </div>
  );
}

function timeLeft(seconds: number, words: { secondsLeft: (s: string) => string; minutesLeft: (m: string) => string }, n: (value: number) => string): string {
  return seconds < 60 ? words.secondsLeft(n(Math.max(1, Math.round(seconds)))) : words.minutesLeft(n(Math.round(seconds / 60)));
}
