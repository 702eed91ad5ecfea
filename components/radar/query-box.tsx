"use client";

import type { KeyboardEvent } from "react";
import { useI18n } from "../i18n/use-messages";

interface Props {
  query: string;
  onQuery: (query: string) => void;
  /** Searches the query given (an example clicked), else the one typed. */
  onSearch: (query?: string) => void;
  busy: boolean;
  /** Example queries to try (the article's scenarios), shown while the example knowledge base is loaded. */
  examples: string[];
  /** Presentation mode: larger type. */
  large?: boolean;
}

/** The query; Enter searches (but not while an input method is composing Chinese characters); an example searches at once. */
export function QueryBox({ query, onQuery, onSearch, busy, examples, large = false }: Props) {
  const { t } = useI18n();
  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter" && !event.nativeEvent.isComposing) {
      event.preventDefault();
      onSearch();
    }
  }
  return (
    <div className="flex flex-col gap-2">
      <div className="flex gap-2">
        <input
          // The skip link's target; focused at load, because typing a query is what a visit is for.
          id="query"
          autoFocus
          type="search"
          data-testid="query-input"
          aria-label={t.search.queryLabel}
          value={query}
          onChange={(event) => onQuery(event.target.value)}
          onKeyDown={onKeyDown}
          placeholder={t.search.queryPlaceholder}
          className={`min-w-0 flex-1 rounded-lg border border-slate-300 bg-white px-3 py-2 shadow-sm ${large ? "text-2xl" : "text-base sm:text-lg"}`}
        />
        <button
          type="button"
          data-testid="search-button"
          onClick={() => onSearch()}
          disabled={busy}
          className={`shrink-0 rounded-lg bg-slate-900 px-3 py-2 font-semibold text-white hover:bg-slate-700 disabled:opacity-50 sm:px-5 ${large ? "text-2xl" : "text-base sm:text-lg"}`}
        >
          {t.search.search}
        </button>
      </div>
      {examples.length ? (
        <div
          // On a phone, and on a projector, the chips scroll sideways in one row, so the results stay near the query.
          className={`-mx-3 flex items-center gap-1.5 overflow-x-auto px-3 sm:mx-0 sm:px-0 ${large ? "pb-1 text-base" : "text-sm sm:flex-wrap sm:overflow-visible"}`}
          role="group"
          aria-label={t.search.tryArticle}
        >
          <span className="shrink-0 text-slate-600" aria-hidden>{t.search.tryArticle}</span>
          {examples.map((example) => (
            <button
              key={example}
              type="button"
              onClick={() => {
                onQuery(example);
                onSearch(example);
              }}
              data-testid="example-query"
              className="shrink-0 whitespace-nowrap rounded-full border border-slate-300 bg-white px-2.5 py-0.5 hover:bg-slate-100 aria-pressed:border-slate-900 aria-pressed:bg-slate-900 aria-pressed:text-white"
              aria-pressed={example === query}
            >
              {example}
            </button>
          ))}
        </div>
      ) : null}
    </div>
  );
}
