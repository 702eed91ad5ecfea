"use client";

import { useCallback, useRef, useState } from "react";
import { embedKnowledgeBase, searchKnowledgeBase } from "@/lib/api/client";
import type { ModelSummary, Pooling, SearchResponse } from "@/lib/api/contract";
import type { AppError } from "@/lib/errors";

export interface ModelCompareInput {
  /** The radar's own search (the first model), already run. */
  base: SearchResponse;
  baseModel: ModelSummary;
  other: ModelSummary;
  /** null: each model in its native pooling. */
  pooling: Pooling | null;
  entries: string[];
  topK: number;
}

export interface ModelCompareResult {
  columns: { model: ModelSummary; pooling: Pooling; response: SearchResponse }[];
}

/** Embeds the same knowledge base with a second model (streamed progress), searches it, and pairs it with the first. */
export function useModelCompare() {
  const [result, setResult] = useState<ModelCompareResult | null>(null);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const running = useRef<AbortController | null>(null);

  const compare = useCallback(async (input: ModelCompareInput) => {
    running.current?.abort();
    const abort = new AbortController();
    running.current = abort;
    setError(null);
    setProgress({ done: 0, total: input.entries.length });
    try {
      const done = await embedKnowledgeBase(
        { model: input.other.id, entries: input.entries },
        { signal: abort.signal, onProgress: (event) => event.type === "progress" && setProgress({ done: event.done, total: event.total }) },
      );
      const basePooling = input.pooling ?? input.baseModel.nativePooling;
      const otherPooling = input.pooling ?? input.other.nativePooling;
      const response = await searchKnowledgeBase({ kbId: done.kbId, query: input.base.query, poolings: [otherPooling], topK: input.topK }, abort.signal);
      if (running.current !== abort) return;
      setResult({
        columns: [
          { model: input.baseModel, pooling: basePooling, response: input.base },
          { model: input.other, pooling: otherPooling, response },
        ],
      });
    } catch (caught) {
      if (running.current === abort) setError(caught as AppError);
    } finally {
      if (running.current === abort) {
        running.current = null;
        setProgress(null);
      }
    }
  }, []);

  return { compare, result, progress, error };
}
