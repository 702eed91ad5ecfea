/**
 * The radar API's response types: what /api/kb and /api/search return, and the error body. Built from the
 * domain's types (lib/kb/types.ts), never the other way round. Types only, safe for components (components
 * import these, never the engine). Request types are derived from the zod schemas beside.
 */
import type { ErrorCode } from "../../errors";
import type { KbBuildEvent, SearchResult } from "../../kb/types";

export type { Pooling } from "../../pooling/strategies";
export type { BrokenModel, EngineState, EngineStatus, Graph, Matryoshka, ModelSummary } from "../../engine/types";
export type { CleaningReport, HistogramBin, SearchHit, Timings, TruncatedEntry } from "../../kb/types";

export interface ApiErrorBody {
  error: { code: ErrorCode; message: string };
}

/** The NDJSON events of POST /api/kb, one JSON object a line; exactly one `done` or `error` ends the stream. */
export type KbEvent = KbBuildEvent | ({ type: "error" } & ApiErrorBody);

/** POST /api/search. */
export type SearchResponse = SearchResult;
