"use client";

import { useId, useState } from "react";
import type { TruncatedEntry } from "@/lib/api/contract";
import { useI18n } from "../i18n/use-messages";

/** Past this many characters an entry is clamped to a few lines: one long entry must not fill the results column. */
export const CLAMP_CHARS = 280;

/** A result's text: clamped when long (with Show more), tagged when the model saw only its first tokens. */
export function EntryText({ text, truncation }: { text: string; truncation?: TruncatedEntry }) {
  const { t, n } = useI18n();
  const [expanded, setExpanded] = useState(false);
  const id = useId();
  const long = text.length > CLAMP_CHARS;
  return (
    <span className="flex min-w-0 flex-col items-start gap-1">
      <span id={id} className={`break-words [overflow-wrap:anywhere] ${long && !expanded ? "line-clamp-3" : ""}`} data-testid="result-text">
        {text}
      </span>
      {long || truncation ? (
        <span className="flex flex-wrap items-center gap-2 text-xs">
          {truncation ? (
            <span
              data-testid="truncated-tag"
              className="rounded bg-amber-100 px-1.5 py-0.5 font-medium text-amber-900"
              title={t.results.truncatedTitle(truncation.tokens, truncation.keptTokens)}
            >
              {t.results.truncatedTag(truncation.keptTokens)}
            </span>
          ) : null}
          {long ? (
            <button
              type="button"
              data-testid="show-more"
              aria-expanded={expanded}
              aria-controls={id}
              onClick={() => setExpanded((open) => !open)}
              className="font-medium text-blue-700 underline underline-offset-2"
            >
              {expanded ? t.results.showLess : t.results.showMore(n(text.length))}
            </button>
          ) : null}
        </span>
      ) : null}
    </span>
  );
}
