/**
 * What one radar search does, apart from React: embed the knowledge base unless this page already did, search it
 * under every pooling at once (switching pooling in the UI is then instant), and when the server has forgotten
 * the knowledge base (restarted, or evicted it for newer ones) embed it again, once. Pure: the API calls are
 * passed in, so the flow is tested with a fake server (search-flow.test.ts).
 */
import type { SearchResponse } from "@/lib/api/contract";
import type { Correction } from "@/lib/pooling/correction-names";
import type { Precision } from "@/lib/pooling/precision";

/** The search body's layer, correction and precision; each absent means its default. */
export interface SearchVariantRequest {
  layer?: number | "first_last" | "last_two";
  correction?: Correction;
  precision?: Precision;
}
import type { KbDone, KbProgress } from "@/lib/api/client";
import { AppError } from "@/lib/errors";
import { POOLINGS } from "@/lib/pooling/strategies";

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
  /** A Matryoshka cut to rank on (models that declare one). @default every dimension */
  dimensions?: number;
  /** Layer, correction and precision, only those off the defaults (settings.ts's variantRequest). */
  variant?: SearchVariantRequest;
}

/** The two calls a search makes (lib/api/client.ts in the browser). */
export interface SearchApi {
  embed(body: { model: string; entries: string[] }, options: { signal: AbortSignal; onProgress: (event: KbProgress) => void }): Promise<KbDone>;
  search(body: { kbId: string; query: string; poolings: string[]; topK: number; keyword?: boolean; hybrid?: boolean; dimensions?: number } & SearchVariantRequest, signal: AbortSignal): Promise<SearchResponse>;
}

/** The knowledge base this page last embedded, by kbKey; set to null to embed again. */
export interface EmbeddedMemo {
  current: { key: string; kbId: string } | null;
}

export interface SearchEvents {
  /** The knowledge base is being sent to be embedded. */
  embedding?(total: number): void;
  progress?(event: KbProgress): void;
  /** It was embedded (the done event: counts, truncations, timings). */
  embedded?(key: string, done: KbDone): void;
  searching?(): void;
}

/** Runs one search: embeds when needed, searches, re-embeds once on kb_not_found. Throws what the API throws. */
export async function runSearch(input: SearchInput, api: SearchApi, memo: EmbeddedMemo, signal: AbortSignal, events: SearchEvents = {}): Promise<SearchResponse> {
  // Keyword (BM25) and hybrid lists come with every search: the side-by-side view shows them beside the poolings.
  const body = { query: input.query, poolings: [...POOLINGS], topK: input.topK, keyword: true, hybrid: true, ...(input.dimensions ? { dimensions: input.dimensions } : {}), ...input.variant };
  let kbId = await embedOnce(input, api, memo, signal, events);
  events.searching?.();
  try {
    return await api.search({ kbId, ...body }, signal);
  } catch (caught) {
    if (!(caught instanceof AppError && caught.code === "kb_not_found")) throw caught;
    memo.current = null;
    kbId = await embedOnce(input, api, memo, signal, events);
    return api.search({ kbId, ...body }, signal);
  }
}

async function embedOnce(input: SearchInput, api: SearchApi, memo: EmbeddedMemo, signal: AbortSignal, events: SearchEvents): Promise<string> {
  const key = kbKey(input.model, input.entries);
  if (memo.current?.key === key) return memo.current.kbId;
  events.embedding?.(input.entries.length);
  const done = await api.embed({ model: input.model, entries: input.entries }, { signal, onProgress: (event) => events.progress?.(event) });
  memo.current = { key, kbId: done.kbId };
  events.embedded?.(key, done);
  return done.kbId;
}

/** Identifies a knowledge base as embedded: the same model and the same cleaned entries. */
export function kbKey(model: string, entries: readonly string[]): string {
  return `${model}\u0000${entries.join("\n")}`;
}

/** The embedding phase after a progress event: done and total from the server, never waiting once it spoke. */
export function nextPhase(current: SearchPhase, event: KbProgress): SearchPhase {
  const base = current.kind === "embedding" ? current : { kind: "embedding" as const, waiting: false, done: 0, total: 0 };
  if (event.type === "progress") return { ...base, waiting: false, done: event.done, total: event.total };
  return { ...base, waiting: false, total: event.type === "chunked" ? event.chunks.length : event.count };
}

/** What the radar shows for a failed search: the API's own error, or a calm word for a cancel or the unexpected. */
export function describeFailure(caught: unknown): AppError {
  if (caught instanceof AppError && caught.code === "cancelled") {
    return new AppError("cancelled", "Cancelled. Your knowledge base is unchanged; search again when you are ready.");
  }
  return caught instanceof AppError ? caught : new AppError("internal", "Something went wrong. Your knowledge base is kept; try again.");
}
