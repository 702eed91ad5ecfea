/**
 * The document worker: parsing (PDF.js, mammoth, markdown-it, htmlparser2), sentence segmentation and chunking,
 * and keyword search (BM25 indexes, kept for the most recently searched knowledge bases). All of it is CPU work
 * over whole documents, so it runs here, off the server's event loop.
 */
import { serveRequests } from "../engine/worker/serve";
import { chunkParsed } from "./chunk/chunk-document";
import { distinctKeys, piecesOf } from "./chunk/pieces";
import { parseDocument } from "./document/parse";
import type { DocumentWorkerRequest, KeywordReply, ParsedReply } from "./document-protocol";
import { Bm25Index } from "./keyword/bm25";

/** BM25 indexes kept, least recently used dropped first (an index costs about the size of its texts). */
const MAX_INDEXES = 16;
const indexes = new Map<string, Bm25Index>();

serveRequests(async (message) => {
  const request = message as unknown as DocumentWorkerRequest;
  switch (request.type) {
    case "parse": {
      const doc = await parseDocument(request.input);
      const reply: ParsedReply = { doc, keys: distinctKeys(piecesOf(doc.text)) };
      return { result: reply };
    }
    case "chunk": {
      const tokensOf = new Map(request.keys.map((key, i) => [key, request.counts[i]]));
      return { result: chunkParsed(request.doc, request.spec, tokensOf, request.budget, request.modelId) };
    }
    case "keyword":
      return { result: keyword(request) };
  }
});

function keyword(request: Extract<DocumentWorkerRequest, { type: "keyword" }>): KeywordReply {
  const started = performance.now();
  let index = indexes.get(request.kbId);
  if (!index) {
    if (!request.texts) return { missing: true };
    index = Bm25Index.fromTexts(request.texts);
  }
  indexes.delete(request.kbId);
  indexes.set(request.kbId, index);
  while (indexes.size > MAX_INDEXES) indexes.delete(indexes.keys().next().value as string);
  const indexed = performance.now();
  const allowed = request.allowed ? new Set(request.allowed) : undefined;
  const hits = index.search(request.query, request.topK, allowed ? (i) => allowed.has(i) : undefined);
  return { missing: false, hits, indexMs: indexed - started, searchMs: performance.now() - indexed };
}
