"use client";

import { useCallback, useRef, useState } from "react";
import { embedKnowledgeBase, searchKnowledgeBase } from "@/lib/api/client";
import type { ChunkingSpec, ChunkReport, ChunkSpan, ParsedDocument, SearchResponse } from "@/lib/api/contract";
import { AppError } from "@/lib/errors";
import { secondsLeft, type ProgressSample } from "./eta";

export type DocumentSource = { kind: "text"; text: string } | { kind: "file"; name: string; base64: string; size: number };

/** One chunking of the document, embedded: what the document view draws. */
export interface BuiltChunking {
  key: string;
  kbId: string;
  document: ParsedDocument;
  chunking: ChunkingSpec;
  chunks: ChunkSpan[];
  report?: ChunkReport;
  resumed?: number;
}

export type DocumentPhase =
  | { kind: "idle" }
  | { kind: "embedding"; done: number; total: number; secondsLeft: number | null }
  | { kind: "searching" };

export interface DocumentRun {
  model: string;
  source: DocumentSource;
  chunkings: ChunkingSpec[];
  query: string;
  topK: number;
  filter?: Record<string, string>;
}

const keyOf = (model: string, source: DocumentSource, chunking: ChunkingSpec) =>
  JSON.stringify([model, source.kind === "text" ? source.text : `${source.name}:${source.size}:${source.base64.length}:${source.base64.slice(0, 64)}`, chunking]);

/** Embeds the document once per chunking (resuming a cancelled run), then searches each with keyword and hybrid. */
export function useDocumentSearch() {
  const [phase, setPhase] = useState<DocumentPhase>({ kind: "idle" });
  const [built, setBuilt] = useState<BuiltChunking[]>([]);
  const [responses, setResponses] = useState<SearchResponse[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  const memo = useRef(new Map<string, BuiltChunking>());
  const running = useRef<AbortController | null>(null);
  const shown = useRef<BuiltChunking[]>([]);

  const embedOne = useCallback(async (run: DocumentRun, chunking: ChunkingSpec, signal: AbortSignal): Promise<BuiltChunking> => {
    const key = keyOf(run.model, run.source, chunking);
    const known = memo.current.get(key);
    if (known) return known;
    setPhase({ kind: "embedding", done: 0, total: 0, secondsLeft: null });
    let first: ProgressSample | null = null;
    let partial: Omit<BuiltChunking, "kbId"> | null = null;
    const document = run.source.kind === "text" ? { text: run.source.text } : { base64: run.source.base64, name: run.source.name };
    const done = await embedKnowledgeBase({ model: run.model, document, chunking }, {
      signal,
      onProgress: (event) => {
        if (event.type === "chunked") partial = { key, document: event.document, chunking: event.chunking, chunks: event.chunks, report: event.report };
        if (event.type !== "progress") return;
        const sample = { at: performance.now(), done: event.done };
        first ??= sample;
        setPhase({ kind: "embedding", done: event.done, total: event.total, secondsLeft: secondsLeft(first, sample, event.total) });
      },
    });
    if (!partial) throw new AppError("internal", "The server sent no chunks for the document. Try again.");
    const result: BuiltChunking = { ...(partial as Omit<BuiltChunking, "kbId">), kbId: done.kbId, resumed: done.resumed };
    memo.current.set(key, result);
    return result;
  }, []);

  /** One piece of work at a time: a new one aborts the last, and only the latest sets results, errors and the phase. */
  const exclusive = useCallback(async (work: (signal: AbortSignal, latest: () => boolean) => Promise<void>) => {
    running.current?.abort();
    const abort = new AbortController();
    running.current = abort;
    const latest = () => running.current === abort;
    setError(null);
    try {
      await work(abort.signal, latest);
    } catch (caught) {
      if (latest()) setError(caught instanceof AppError ? caught : new AppError("internal", "Something went wrong; try again."));
    } finally {
      if (latest()) {
        running.current = null;
        setPhase({ kind: "idle" });
      }
    }
  }, []);

  const run = useCallback(
    (input: DocumentRun) =>
      exclusive(async (signal, latest) => {
        const next: BuiltChunking[] = [];
        for (const chunking of input.chunkings) next.push(await embedOne(input, chunking, signal));
        shown.current = next;
        setBuilt(next);
        setPhase({ kind: "searching" });
        const found = await searchEach(next, input, signal);
        if (latest()) setResponses(found);
      }),
    [embedOne, exclusive],
  );

  /** A saved document's knowledge base (a shared link): its view without embedding anything. */
  const adopt = useCallback((chunking: BuiltChunking) => {
    memo.current.set(chunking.key, chunking);
    shown.current = [chunking];
    setBuilt([chunking]);
  }, []);

  /** Searches the chunkings on view again (another query, another filter), embedding nothing. */
  const searchShown = useCallback(
    async (input: Pick<DocumentRun, "query" | "topK" | "filter">) => {
      if (shown.current.length === 0) return;
      await exclusive(async (signal, latest) => {
        setPhase({ kind: "searching" });
        const found = await searchEach(shown.current, input, signal);
        if (latest()) setResponses(found);
      });
    },
    [exclusive],
  );

  const cancel = useCallback(() => running.current?.abort(), []);
  return { phase, built, responses, error, run, cancel, adopt, searchShown, keyOf, dismissError: () => setError(null) };
}

/** Each chunking searched with keyword and hybrid lists beside the semantic one, under one filter. */
function searchEach(chunkings: readonly BuiltChunking[], input: Pick<DocumentRun, "query" | "topK" | "filter">, signal: AbortSignal): Promise<SearchResponse[]> {
  const filter = input.filter ? { filter: input.filter } : {};
  return Promise.all(chunkings.map((b) => searchKnowledgeBase({ kbId: b.kbId, query: input.query, topK: input.topK, keyword: true, hybrid: true, ...filter }, signal)));
}
