"use client";

import { useCallback, useRef, useState } from "react";
import { embedKnowledgeBase, searchKnowledgeBase, type KbDone } from "@/lib/api/client";
import type { SearchResponse } from "@/lib/api/contract";
import type { AppError } from "@/lib/errors";
import { describeFailure, nextPhase, runSearch, type EmbeddedMemo, type SearchApi, type SearchInput, type SearchPhase } from "./search-flow";

export { kbKey, type SearchInput, type SearchPhase } from "./search-flow";

const API: SearchApi = { embed: embedKnowledgeBase, search: searchKnowledgeBase };

/**
 * The radar's search as React state: runSearch (search-flow.ts) with streamed progress, cancellable, the last
 * search winning. An unchanged knowledge base is never re-sent.
 */
export function useSearch() {
  const [phase, setPhase] = useState<SearchPhase>({ kind: "idle" });
  const [response, setResponse] = useState<SearchResponse | null>(null);
  const [built, setBuilt] = useState<{ key: string; done: KbDone } | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const embedded = useRef<EmbeddedMemo["current"]>(null);
  const running = useRef<AbortController | null>(null);

  const search = useCallback(async (input: SearchInput) => {
    running.current?.abort();
    const abort = new AbortController();
    running.current = abort;
    setError(null);
    try {
      const result = await runSearch(input, API, embedded, abort.signal, {
        embedding: (total) => setPhase({ kind: "embedding", waiting: true, done: 0, total }),
        progress: (event) => setPhase((current) => nextPhase(current, event)),
        embedded: (key, done) => setBuilt({ key, done }),
        searching: () => setPhase({ kind: "searching" }),
      });
      if (running.current === abort) setResponse(result);
    } catch (caught) {
      if (running.current === abort) setError(describeFailure(caught));
    } finally {
      if (running.current === abort) {
        running.current = null;
        setPhase({ kind: "idle" });
      }
    }
  }, []);

  const cancel = useCallback(() => running.current?.abort(), []);
  const dismissError = useCallback(() => setError(null), []);
  return { phase, response, built, error, search, cancel, dismissError };
}
