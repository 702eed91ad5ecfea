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
}

/** Explains one result under each pooling shown (requests in parallel); a newer target cancels an older one. */
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
    Promise.all(target.poolings.map((pooling) => fetchExplanation({ kbId: target.kbId, query: target.query, index: target.index, pooling }, abort.signal)))
      .then((answers) => !abort.signal.aborted && setResults(answers))
      .catch((caught: AppError) => !abort.signal.aborted && setError(caught))
      .finally(() => !abort.signal.aborted && setLoading(false));
    return () => abort.abort();
  }, [target]);

  const close = useCallback(() => setTarget(null), []);
  return { target, open: setTarget, close, results, error, loading };
}
