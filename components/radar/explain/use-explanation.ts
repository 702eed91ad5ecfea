"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { fetchExplanation } from "@/lib/api/why-client";
import type { ExplainResponse, Pooling } from "@/lib/api/contract";
import type { AppError } from "@/lib/errors";

export interface ExplainTarget {
  kbId: string;
  query: string;
  index: number;
  /** The poolings shown: one, or the two side by side. */
  poolings: Pooling[];
  /** Where it was opened (a row, a map, a model column): the panel opens there, in place. */
  origin: string;
  /** What had focus when it opened (the Why? button, a map): focus goes back there on close. */
  opener?: HTMLElement | null;
  /** The layer and correction the search used (absent: the defaults), so Why? explains the scores shown. */
  variant?: { layer?: number | string; correction?: string };
}

/** Where a result row's explanation opens. */
export function rowOrigin(pooling: Pooling, index: number): string {
  return `row:${pooling}:${index}`;
}

/**
 * Explains one result under each pooling shown (requests in parallel); a newer target cancels an older one. Escape
 * closes it, and closing gives focus back to what opened it.
 */
export function useExplanation() {
  const [target, setTarget] = useState<ExplainTarget | null>(null);
  const [results, setResults] = useState<ExplainResponse[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  const [loading, setLoading] = useState(false);
  const running = useRef<AbortController | null>(null);

  useEffect(() => {
    running.current?.abort();
    setResults([]);
    setError(null);
    if (!target) return;
    const abort = new AbortController();
    running.current = abort;
    setLoading(true);
    Promise.all(target.poolings.map((pooling) => fetchExplanation({ kbId: target.kbId, query: target.query, index: target.index, pooling, ...target.variant }, abort.signal)))
      .then((answers) => !abort.signal.aborted && setResults(answers))
      .catch((caught: AppError) => !abort.signal.aborted && setError(caught))
      .finally(() => !abort.signal.aborted && setLoading(false));
    return () => abort.abort();
  }, [target]);

  const opened = useRef<ExplainTarget | null>(null);
  opened.current = target;
  const close = useCallback(() => {
    const opener = opened.current?.opener;
    setTarget(null);
    // After the panel is gone: the opener is still there (rows are keyed by entry), unless the results changed.
    if (opener) requestAnimationFrame(() => opener.isConnected && opener.focus());
  }, []);

  const open = useCallback((next: ExplainTarget) => setTarget({ ...next, opener: next.opener ?? (document.activeElement as HTMLElement | null) }), []);

  useEffect(() => {
    if (!target) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape" || event.defaultPrevented) return;
      event.preventDefault();
      close();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [target, close]);

  return { target, open, close, results, error, loading };
}

export type Explanation = ReturnType<typeof useExplanation>;
