"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { asAppError } from "@/lib/api/client";
import { errorText } from "../i18n/error-text";
import { useI18n } from "../i18n/use-messages";

export interface Progress {
  done: number;
  total: number;
}

interface ServerComputation<Body, Result> {
  /** The server's cached result for a body, or null; never starts work. */
  fetchCached: (body: Body, signal?: AbortSignal) => Promise<Result | null>;
  /** Computes (or joins, or reads from cache) the result, reporting progress as it streams. */
  compute: (body: Body, options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void }) => Promise<Result>;
}

/**
 * A result the server computes on demand and caches (the Lab's STS and layer sweeps): the cached one is shown when
 * the body changes, `start` computes it with progress, `cancel` stops it. Errors are worded in the language of the
 * moment they happen; the effects do not rerun on a language switch.
 */
export function useServerComputation<Body, Result>(body: Body, { fetchCached, compute }: ServerComputation<Body, Result>) {
  const i18n = useI18n();
  const [result, setResult] = useState<Result | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const running = useRef<AbortController | null>(null);
  const language = useRef(i18n);
  language.current = i18n;
  const calls = useRef({ fetchCached, compute });
  calls.current = { fetchCached, compute };
  const bodyKey = JSON.stringify(body);

  useEffect(() => {
    const abort = new AbortController();
    running.current?.abort();
    setResult(null);
    setError(null);
    setProgress(null);
    calls.current.fetchCached(JSON.parse(bodyKey) as Body, abort.signal).then(setResult, (caught) => {
      if (!abort.signal.aborted) setError(errorText(asAppError(caught), language.current));
    });
    return () => abort.abort();
  }, [bodyKey]);

  const start = useCallback(async () => {
    const abort = new AbortController();
    running.current = abort;
    setError(null);
    setProgress({ done: 0, total: 1 });
    try {
      setResult(await calls.current.compute(JSON.parse(bodyKey) as Body, { signal: abort.signal, onProgress: (done, total) => setProgress({ done, total }) }));
    } catch (caught) {
      const failure = asAppError(caught);
      if (failure.code !== "cancelled") setError(errorText(failure, language.current));
    } finally {
      if (running.current === abort) running.current = null;
      setProgress(null);
    }
  }, [bodyKey]);

  const cancel = useCallback(() => running.current?.abort(), []);
  return { result, progress, error, start, cancel };
}
