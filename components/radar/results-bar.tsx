"use client";

import type { ModelSummary } from "@/lib/api/contract";
import type { Pooling } from "@/lib/pooling/strategies";
import { useI18n } from "../i18n/use-messages";
import { KB_EDITOR_ID } from "./kb-editor";
import { PoolingBar } from "./pooling-control";
import type { View } from "./settings";

/**
 * Right under the query: the pooling (one tap on a phone), the way down to the knowledge-base editor, and
 * presentation mode.
 */
export function ResultsBar({ view, nativePooling, architecture, onView, presenting, onPresent }: {
  view: View;
  nativePooling: Pooling | undefined;
  /** The model's: a causal decoder's CLS button reads "First token". */
  architecture?: ModelSummary["architecture"];
  onView: (view: View) => void;
  presenting: boolean;
  onPresent: () => void;
}) {
  const { t } = useI18n();
  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="results-bar">
      <PoolingBar view={view} nativePooling={nativePooling} architecture={architecture} onView={onView} large={presenting} />
      <div className="ml-auto flex flex-wrap items-center gap-2 text-sm">
        {presenting ? (
          <span className="text-slate-600">{t.search.presentationHint}</span>
        ) : (
          <a
            href={`#${KB_EDITOR_ID}`}
            data-testid="edit-kb-link"
            onClick={(event) => {
              // Focus the editor itself (a fragment link scrolls to it but does not focus it in every browser).
              const editor = document.getElementById(KB_EDITOR_ID);
              if (!editor) return;
              event.preventDefault();
              editor.focus({ preventScroll: true });
              editor.scrollIntoView({ block: "start" });
            }}
            className="inline-flex min-h-11 items-center rounded-md px-2 py-1 font-medium text-blue-700 underline underline-offset-2 sm:min-h-0"
          >
            {t.search.editKb}
          </a>
        )}
        <button
          type="button"
          data-testid="present-toggle"
          aria-pressed={presenting}
          title={t.search.presentTitle}
          onClick={onPresent}
          className="rounded-md border border-slate-300 bg-white px-2 py-1 font-medium hover:bg-slate-100"
        >
          {presenting ? t.search.exitPresentation : t.search.present}
        </button>
      </div>
    </div>
  );
}
