"use client";

import { useCallback, useRef, useState } from "react";
import { embedKnowledgeBase, searchKnowledgeBase, type KbDone, type KbProgress } from "@/lib/api/client";
import { AppError } from "@/lib/errors";
import { POOLINGS } from "@/lib/pooling/strategies";
import type { SearchResponse } from "@/lib/api/contract";

export type SearchPhase =
  | { kind: "idle" }
  /** waiting: sent, and no word from the server yet (it answers once the model is loaded and work can start). */
  | { kind: "embedding"; waiting: boolean; done: number; total: number }
  | { kind: "searching" };

export interface SearchInput {
  model: string;
  /** Cleaned entries (the same cleaning the server applies). */
  entries: string[];
  query: string;
  topK: number;
}

/**
 * Embeds the knowledge base when it changed (streamed progress, cancellable), then searches it under every
 * pooling at once so switching pooling in the UI is instant. An unchanged knowledge base is never re-sent.
 */
export function useSearch() {
  const [phase, setPhase] = useState<SearchPhase>({ kind: "idle" });
  const [response, setResponse] = useState<SearchResponse | null>(null);
  const [built, setBuilt] = useState<{ key: string; done: KbDone } | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const builtFor = useRef<{ key: string; kbId: string } | null>(null);
  const running = useRef<AbortController | null>(null);

  const embed = useCallback(async (input: SearchInput, signal: AbortSignal): Promise<string> => {
    const key = kbKey(input.model, input.entries);
    if (builtFor.current?.key === key) return builtFor.current.kbId;
    setPhase({ kind: "embedding", waiting: true, done: 0, total: input.entries.length });
    const done = await embedKnowledgeBase(
      { model: input.model, entries: input.entries },
      { signal, onProgress: (event) => setPhase((current) => nextPhase(current, event)) },
    );
    builtFor.current = { key, kbId: done.kbId };
    setBuilt({ key, done });
    return done.kbId;
  }, []);

  const search = useCallback(
    async (input: SearchInput) => {
      running.current?.abort();
      const abort = new AbortController();
      running.current = abort;
      setError(null);
      try {
        const body = { query: input.query, poolings: [...POOLINGS], topK: input.topK };
        let kbId = await embed(input, abort.signal);
        setPhase({ kind: "searching" });
        const result = await searchKnowledgeBase({ kbId, ...body }, abort.signal).catch(async (caught: AppError) => {
          // The server forgot it (restarted, or evicted it for newer ones): embed it again, once.
          if (caught.code !== "kb_not_found") throw caught;
          builtFor.current = null;
          kbId = await embed(input, abort.signal);
          return searchKnowledgeBase({ kbId, ...body }, abort.signal);
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
    },
    [embed],
  );

  const cancel = useCallback(() => running.current?.abort(), []);
  const dismissError = useCallback(() => setError(null), []);
  return { phase, response, built, error, search, cancel, dismissError };
}

/** Identifies a knowledge base as embedded: the same model and the same cleaned entries. */
export function kbKey(model: string, entries: readonly string[]): string {
  return `${model}\u0000${entries.join("\n")}`;
}

function nextPhase(current: SearchPhase, event: KbProgress): SearchPhase {
  const base = current.kind === "embedding" ? current : { kind: "embedding" as const, waiting: false, done: 0, total: 0 };
  if (event.type === "progress") return { ...base, waiting: false, done: event.done, total: event.total };
  return { ...base, waiting: false, total: event.count };
}

function describeFailure(caught: unknown): AppError {
  if (caught instanceof AppError && caught.code === "cancelled") {
    return new AppError("cancelled", "Cancelled. Your knowledge base is unchanged; search again when you are ready.");
  }
  return caught instanceof AppError ? caught : new AppError("internal", "Something went wrong. Your knowledge base is kept; try again.");
}
