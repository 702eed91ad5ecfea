/**
 * The main thread's handle on the document worker, started on first use and started again if it died. A parse
 * that runs past PARSE_TIME_LIMIT_MS (a hostile or broken file) stops the worker: the request is refused and the
 * next one gets a fresh worker. Server-only.
 */
import "server-only";
import { forgetProcessWide, processWide } from "../config";
import { WorkerThread } from "../engine/worker/thread";
import { AppError } from "../errors";
import type { ChunkedDocument, TokenBudget } from "./chunk/chunk-document";
import type { DocumentInput } from "./document/parse";
import { PARSE_TIME_LIMIT_MS } from "./document/limits";
import type { ChunkingSpec, ParsedDocument } from "./document/types";
import type { KeywordReply, ParsedReply } from "./document-protocol";
import type { KeywordHit } from "./keyword/bm25";

const DOCUMENT_WORKER_ENTRY = "lib/kb/document-worker.ts";

function thread(): Promise<WorkerThread> {
  return processWide("document-worker", () => {
    const started = WorkerThread.start(DOCUMENT_WORKER_ENTRY, "document");
    const forget = () => forgetProcessWide("document-worker", started);
    started.then((worker) => worker.onStop(forget), forget);
    return started;
  });
}

/** Parses a document in the worker; refused when it takes longer than PARSE_TIME_LIMIT_MS. */
export async function parseInWorker(input: DocumentInput, limitMs = PARSE_TIME_LIMIT_MS): Promise<ParsedReply> {
  const worker = await thread();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      forgetProcessWide("document-worker");
      void worker.terminate();
      reject(new AppError("invalid_input", `${input.name ?? "The document"} took longer than ${Math.round(limitMs / 1000)} s to read: expected a file that can be read in that time. It may be damaged; try saving it again, or as plain text.`));
    }, limitMs);
  });
  try {
    return await Promise.race([worker.request<ParsedReply>({ type: "parse", input }), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export async function chunkInWorker(request: { doc: ParsedDocument; spec: ChunkingSpec; keys: string[]; counts: number[]; budget: TokenBudget; modelId: string }): Promise<ChunkedDocument> {
  return (await thread()).request<ChunkedDocument>({ type: "chunk", ...request });
}

/** BM25 hits for a knowledge base's entries; the worker builds the index the first time it sees the id. */
export async function keywordSearch(kbId: string, entries: readonly string[], query: string, topK: number, allowed?: number[]): Promise<{ hits: KeywordHit[]; indexMs: number; searchMs: number }> {
  const worker = await thread();
  const base = { type: "keyword", kbId, query, topK, ...(allowed ? { allowed } : {}) };
  let reply = await worker.request<KeywordReply>(base);
  if (reply.missing) reply = await worker.request<KeywordReply>({ ...base, texts: [...entries] });
  if (reply.missing) throw new AppError("internal", "the document worker did not keep the keyword index it was given");
  return reply;
}
